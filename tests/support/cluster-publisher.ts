/**
 * The app's pages without rooms of their own, in a multi-instance test: what they tell the rooms
 * (access, comments, title, progress, sign-out) is published to the instances (ADR 0007), and
 * they read and change documents through storage, as an instance that serves no room does.
 */
import type { Cluster } from "@/lib/server/cluster/cluster";
import type { CollabHooks } from "@/lib/server/context";

export function clusterHooksForPublisher(cluster: Cluster): CollabHooks {
  return {
    reauthorize: (notebookId) => cluster.publish({ type: "access", notebookId }),
    commentsChanged: (notebookId) => cluster.publish({ type: "comments", notebookId }),
    titleChanged: (notebookId, title) => cluster.publish({ type: "title", notebookId, title }),
    progressChanged: (notebookId) => cluster.publish({ type: "progress", notebookId }),
    sessionEnded: (sessionId) => cluster.publish({ type: "session", sessionId }),
    change: (notebookId, change) => cluster.ownership.changeElsewhere(notebookId, change),
    liveState: async () => null,
  };
}
