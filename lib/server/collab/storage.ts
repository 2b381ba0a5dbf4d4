/**
 * The collaboration server's storage contract. The server core knows nothing about databases: it
 * loads a notebook's state when a room opens, appends the binary Yjs updates it receives, and asks
 * for a compaction (log folded into one snapshot) now and then. The Yjs update history is the only
 * source of truth for a live notebook; nothing here is ever rebuilt from JSON.
 */
import type * as Y from "yjs";

export interface StoredState {
  /** The last compacted snapshot (a Yjs update). */
  snapshot: Uint8Array;
  /** Updates logged since that snapshot, oldest first. */
  updates: Uint8Array[];
}

export interface CollabStorage {
  /** The stored state, or null when there is no such notebook. */
  load(notebookId: string): Promise<StoredState | null>;
  /** Appends updates to the notebook's log, in order, durably. */
  append(notebookId: string, updates: readonly Uint8Array[]): Promise<void>;
  /**
   * Replaces the snapshot with `doc`'s full state and drops the logged updates it includes, in one
   * transaction. Called only after every update received so far has been appended.
   */
  compact(notebookId: string, doc: Y.Doc): Promise<void>;
  /**
   * The room closed after someone changed the document (everyone left, or the server stops):
   * a moment to keep an automatic version. Called after the final compaction. Optional.
   */
  idle?(notebookId: string, doc: Y.Doc): Promise<void>;
}
