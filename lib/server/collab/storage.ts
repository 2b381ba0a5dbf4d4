/**
 * The collaboration server's storage contract. The server core knows nothing about databases: it
 * loads a notebook's state when a room opens, appends the binary Yjs updates it receives, and asks
 * for a compaction (log folded into one snapshot) now and then. The Yjs update history is the only
 * source of truth for a live notebook; nothing here is ever rebuilt from JSON.
 *
 * The three calls are safe against each other and against a second writer (a script, another
 * process, a server-side change appended while no room was open), which is what the contract
 * suite (tests/integration/storage-contract.test.ts) checks on every backend:
 *
 * - `load` is atomic: whatever compaction commits meanwhile, it returns a snapshot plus log that
 *   together hold every update committed before it started (never an empty notebook).
 * - `append` returns the id of the last log row it wrote; ids grow within a notebook.
 * - `compact(upToId)` removes only log rows with id <= upToId, and only after folding each of them
 *   into the document it snapshots: a row the caller never saw (another writer's) is never lost,
 *   and one written after upToId stays in the log for the next load.
 *
 * With several instances (ADR 0007) a room's owner passes its lease's fencing token (`fence`) to
 * every call: the database then refuses, with FencedError and before writing anything, a call
 * whose token is older than one that has already loaded or written the notebook. Calls without a
 * token (one process, scripts, another instance's server-side change) are not fenced.
 */
import * as Y from "yjs";

/** A room owner's fencing token, passed with each of its storage calls (ADR 0007). */
export interface Fence {
  readonly fence?: number | undefined;
}

/** A call refused because a newer owner of the notebook's room has loaded or written it. */
export class FencedError extends Error {
  override readonly name = "FencedError";
  constructor(
    notebookId: string,
    fence: number,
    /** The token the notebook holds: a new claim must be above it (Redis may have lost its counter). */
    readonly stored: number,
  ) {
    super(`Notebook ${notebookId} has a newer owner (token ${stored}) than token ${fence}`);
  }
}

export interface StoredState {
  /** The last compacted snapshot (a Yjs update). */
  snapshot: Uint8Array;
  /** Updates logged since that snapshot, oldest first. */
  updates: Uint8Array[];
  /** The id of the last log row included in `updates` (0 when the log was empty). */
  lastId: number;
}

export interface CollabStorage {
  /** The stored state, read in one transaction, or null when there is no such notebook. */
  load(notebookId: string, fence?: Fence): Promise<StoredState | null>;
  /**
   * Appends updates to the notebook's log, in order, durably; returns the id of the last row
   * written (0 when `updates` is empty).
   */
  append(notebookId: string, updates: readonly Uint8Array[], fence?: Fence): Promise<number>;
  /**
   * In one transaction: applies every logged update with id <= `upToId` to `doc` (a no-op for
   * those it already holds), replaces the snapshot with `doc`'s full state, and deletes exactly
   * those rows. Rows after `upToId` are kept. `doc` may gain content (another writer's rows).
   */
  compact(notebookId: string, doc: Y.Doc, upToId: number, fence?: Fence): Promise<void>;
  /**
   * The room closed after someone changed the document (everyone left, or the server stops):
   * a moment to keep an automatic version. Called after the final compaction. Optional.
   */
  idle?(notebookId: string, doc: Y.Doc): Promise<void>;
}

/**
 * Applies `change` to the stored notebook without a room: the update it makes is appended unfenced
 * (a row no compaction loses, ADR 0003) and returned; null when it changed nothing, false when
 * there is no such notebook.
 */
export async function changeStored(storage: CollabStorage, notebookId: string, change: (doc: Y.Doc) => void): Promise<Uint8Array | null | false> {
  const stored = await storage.load(notebookId);
  if (!stored) return false;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  change(doc);
  doc.destroy();
  if (updates.length === 0) return null;
  const update = Y.mergeUpdates(updates);
  await storage.append(notebookId, [update]);
  return update;
}

/** The same storage, every call of it carrying `fence` (a room owner's token). */
export function fencedStorage(storage: CollabStorage, fence: number | undefined): CollabStorage {
  if (fence === undefined) return storage;
  return {
    load: (id) => storage.load(id, { fence }),
    append: (id, updates) => storage.append(id, updates, { fence }),
    compact: (id, doc, upToId) => storage.compact(id, doc, upToId, { fence }),
    ...(storage.idle ? { idle: storage.idle.bind(storage) } : {}),
  };
}
