/**
 * The document service: the one path to a notebook's bytes on the server. Every server-side read
 * (page, export, fork, versions, assignments, progress, comments, embeds) and every server-side
 * write (version restore, scripts) goes through here, never through Prisma directly (ADR 0003).
 *
 * When the collaboration rooms run (server.ts registers them in the server context), a read uses
 * the notebook's open room, which holds edits not flushed yet; a room that is closing is waited
 * for, after which storage has everything it held. Otherwise a read is one atomic load
 * (collab/storage.ts: log and snapshot in one transaction, safe against a compaction committing
 * meanwhile). A write goes through the room (opened if needed) so everyone in it sees the change
 * at once; without rooms (scripts, tests) it is appended to the log, which no compaction can lose
 * (compaction folds every row it deletes into its snapshot).
 */
import * as Y from "yjs";
import { serverContext } from "../context";
import { prismaStorage } from "../collab/prisma-storage";
import { changeStored, type StoredState } from "../collab/storage";
import { getDb } from "../db/client";
import { documentRead } from "../metrics";
import { runWork } from "../work/run";
import { sharedStateCache, type StateStamp } from "./state-cache";

function loadStored(notebookId: string): Promise<StoredState | null> {
  return prismaStorage(getDb()).load(notebookId);
}

/**
 * What the stored state is now, cheaply (no bytes): see state-cache.ts. Two plain reads, not a
 * transaction (a class of 200 opening copies at once would queue for one): a compaction committing
 * between them gives a stamp that mixes before and after, which no later read can give again (the
 * snapshot's `updatedAt` only moves forward), so it can only miss, never hit a stale state.
 */
async function stampOf(notebookId: string): Promise<StateStamp | null> {
  const db = getDb();
  const doc = await db.notebookDocument.findUnique({ where: { notebookId }, select: { updatedAt: true } });
  if (!doc) return null;
  const log = await db.notebookUpdate.aggregate({ where: { notebookId }, _max: { id: true }, _count: { _all: true } });
  return { updatedAt: doc.updatedAt.getTime(), lastId: log._max.id ?? 0, logged: log._count._all };
}

/** The notebook's current state as one Yjs update, or null when there is no such notebook. */
export async function readDocumentState(notebookId: string): Promise<Uint8Array | null> {
  const live = await serverContext().collab?.liveState(notebookId);
  if (live) {
    documentRead("live");
    return live;
  }
  // Read again and again while nobody edits (a class opening a lesson's copy): kept, by stamp.
  const stamp = await stampOf(notebookId);
  if (!stamp) return null;
  const cache = sharedStateCache();
  const cached = cache.get(notebookId, stamp);
  if (cached) {
    documentRead("cache");
    return cached;
  }
  const stored = await loadStored(notebookId);
  if (!stored) return null;
  // Merging a long log into a large snapshot takes a while: a work thread's job (work/run.ts).
  const state = stored.updates.length === 0 ? stored.snapshot : await runWork("mergeUpdates", [stored.snapshot, ...stored.updates]);
  cache.set(notebookId, stamp, state);
  documentRead("stored");
  return state;
}

/** The notebook's current document (a copy: changing it changes nothing), or null. */
export async function readDocument(notebookId: string): Promise<Y.Doc | null> {
  const state = await readDocumentState(notebookId);
  if (!state) return null;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

/** Applies `change` to the notebook's document as one new update; false when there is no notebook. */
export async function changeDocument(notebookId: string, change: (doc: Y.Doc) => void): Promise<boolean> {
  const live = serverContext().collab;
  if (live) return live.change(notebookId, change);
  return (await changeStored(prismaStorage(getDb()), notebookId, change)) !== false;
}
