/** An in-memory CollabStorage, for tests of the collaboration server core. */
import * as Y from "yjs";
import type { CollabStorage, StoredState } from "@/lib/server/collab/storage";

export class MemoryStorage implements CollabStorage {
  readonly snapshots = new Map<string, Uint8Array>();
  readonly logs = new Map<string, Uint8Array[]>();
  appends = 0;
  compactions = 0;
  /** When set, the next append fails once with this error. */
  failNextAppend: Error | null = null;

  seed(notebookId: string, doc: Y.Doc): void {
    this.snapshots.set(notebookId, Y.encodeStateAsUpdate(doc));
    this.logs.set(notebookId, []);
  }

  async load(notebookId: string): Promise<StoredState | null> {
    const snapshot = this.snapshots.get(notebookId);
    return snapshot ? { snapshot, updates: [...(this.logs.get(notebookId) ?? [])] } : null;
  }

  async append(notebookId: string, updates: readonly Uint8Array[]): Promise<void> {
    if (this.failNextAppend) {
      const error = this.failNextAppend;
      this.failNextAppend = null;
      throw error;
    }
    this.appends += 1;
    this.logs.get(notebookId)!.push(...updates);
  }

  async compact(notebookId: string, doc: Y.Doc): Promise<void> {
    this.compactions += 1;
    this.snapshots.set(notebookId, Y.encodeStateAsUpdate(doc));
    this.logs.set(notebookId, []);
  }

  /** The stored document, as a fresh Y.Doc. */
  stored(notebookId: string): Y.Doc {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, this.snapshots.get(notebookId)!);
    for (const u of this.logs.get(notebookId) ?? []) Y.applyUpdate(doc, u);
    return doc;
  }
}
