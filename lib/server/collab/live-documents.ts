/**
 * Server-side changes to a notebook's document (restoring a version) and reads of its freshest
 * state (saving one), through the collaboration rooms when the server runs them, so the room
 * sees a change at once and a read includes what has not been flushed yet. Route handlers (Next's
 * bundle) and the rooms (server.ts) meet in the server context (context.ts). Without rooms
 * (scripts, tests) the stored document is used directly: changes are appended to its update log.
 */
import * as Y from "yjs";
import { serverContext } from "../context";
import { getDb } from "../db/client";
import { prismaStorage } from "./prisma-storage";


async function storedDocument(notebookId: string): Promise<Y.Doc | null> {
  const state = await prismaStorage(getDb()).load(notebookId);
  if (!state) return null;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state.snapshot);
  for (const update of state.updates) Y.applyUpdate(doc, update);
  return doc;
}

/** Applies `change` to the notebook's document as one new update; false when there is no notebook. */
export async function changeDocument(notebookId: string, change: (doc: Y.Doc) => void): Promise<boolean> {
  const live = serverContext().collab;
  if (live) return live.change(notebookId, change);
  const doc = await storedDocument(notebookId);
  if (!doc) return false;
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  change(doc);
  if (updates.length > 0) await prismaStorage(getDb()).append(notebookId, [Y.mergeUpdates(updates)]);
  return true;
}

/** The notebook's freshest document (the open room's, else the stored one), or null. */
export async function currentDocument(notebookId: string): Promise<Y.Doc | null> {
  const state = await serverContext().collab?.liveState(notebookId);
  if (state) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    return doc;
  }
  return storedDocument(notebookId);
}
