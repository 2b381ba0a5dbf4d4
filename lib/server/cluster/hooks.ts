/**
 * What Next's side asks of the rooms (context.ts CollabHooks), across instances (ADR 0007): a
 * change of access, comments, title or progress, and a sign-out, are published, and every instance
 * (this one included) applies each to its own sockets and rooms. Changes and live reads stay local:
 * the rooms send a change to a room served elsewhere through the ownership (cluster.ts), and a
 * read of such a room falls back to storage.
 */
import type { ClusterEvent } from "../../protocol/cluster";
import { notifyClassListeners } from "../classroom/class-events";
import type { CollabEndpoint } from "../collab/endpoint";
import type { CollabHooks } from "../context";
import type { Cluster } from "./cluster";

/** This instance's part of an event: its own sockets and rooms. */
export async function applyClusterEvent(collab: CollabEndpoint, event: ClusterEvent): Promise<void> {
  switch (event.type) {
    case "access":
      return collab.reauthorize(event.notebookId);
    case "comments":
      return collab.commentsChanged(event.notebookId);
    case "progress":
      return collab.progressChanged(event.notebookId);
    case "title":
      return collab.titleChanged(event.notebookId, event.title);
    case "session":
      return collab.closeSession(event.sessionId);
    case "change":
      return collab.rooms.applyElsewhereChange(event.notebookId, new Uint8Array(Buffer.from(event.update, "base64")));
    case "class":
      return notifyClassListeners(event.classId);
  }
}

/**
 * The hooks of an instance; `collab` null for a process that serves no rooms (a script, a test
 * playing the app's pages), whose changes then all go to the rooms' owners.
 */
export function clusterHooks(cluster: Cluster, collab: CollabEndpoint | null): CollabHooks {
  return {
    reauthorize: (notebookId) => cluster.publish({ type: "access", notebookId }),
    commentsChanged: (notebookId) => cluster.publish({ type: "comments", notebookId }),
    titleChanged: (notebookId, title) => cluster.publish({ type: "title", notebookId, title }),
    progressChanged: (notebookId) => cluster.publish({ type: "progress", notebookId }),
    sessionEnded: (sessionId) => cluster.publish({ type: "session", sessionId }),
    change: (notebookId, change) => (collab ? collab.rooms.change(notebookId, change) : cluster.ownership.changeElsewhere(notebookId, change)),
    liveState: async (notebookId) => (collab ? collab.rooms.liveState(notebookId) : null),
  };
}
