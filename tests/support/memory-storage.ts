/** An in-memory CollabStorage, for tests of the collaboration server core. */
import * as Y from "yjs";
import { insertCell, userOrigin, type CellId } from "@/lib/notebook";
import { LOAD } from "@/lib/notebook/origins";
import { FencedError, type CollabStorage, type Fence, type StoredState } from "@/lib/server/collab/storage";

interface Row {
  id: number;
  update: Uint8Array;
}

export class MemoryStorage implements CollabStorage {
  readonly snapshots = new Map<string, Uint8Array>();
  readonly logs = new Map<string, Row[]>();
  appends = 0;
  compactions = 0;
  /** When set, the next append fails once with this error. */
  failNextAppend: Error | null = null;
  /** While set, every append and compaction fails with this error (a database outage). */
  outage: Error | null = null;
  private nextId = 1;
  /** The highest fencing token that has loaded or written each notebook (ADR 0007). */
  readonly fences = new Map<string, number>();

  /** A storage holding one notebook, `notebookId`, with a single code cell `c1`: print('hi'). */
  static withOneCell(notebookId: string): MemoryStorage {
    const storage = new MemoryStorage();
    const doc = new Y.Doc();
    insertCell(doc, { type: "code", source: "print('hi')", id: "c1" as CellId }, userOrigin("seed"));
    storage.seed(notebookId, doc);
    return storage;
  }

  seed(notebookId: string, doc: Y.Doc): void {
    this.snapshots.set(notebookId, Y.encodeStateAsUpdate(doc));
    this.logs.set(notebookId, []);
  }

  /** Raises the notebook's fence to `fence`, or throws FencedError when a newer token has been here. */
  private claim(notebookId: string, { fence }: Fence): void {
    if (fence === undefined) return;
    const stored = this.fences.get(notebookId) ?? 0;
    if (stored > fence) throw new FencedError(notebookId, fence, stored);
    this.fences.set(notebookId, fence);
  }

  async load(notebookId: string, fence: Fence = {}): Promise<StoredState | null> {
    const snapshot = this.snapshots.get(notebookId);
    if (!snapshot) return null;
    this.claim(notebookId, fence);
    const rows = [...(this.logs.get(notebookId) ?? [])];
    return { snapshot, updates: rows.map((r) => r.update), lastId: rows.at(-1)?.id ?? 0 };
  }

  async append(notebookId: string, updates: readonly Uint8Array[], fence: Fence = {}): Promise<number> {
    if (this.outage) throw this.outage;
    if (this.snapshots.has(notebookId)) this.claim(notebookId, fence);
    if (this.failNextAppend) {
      const error = this.failNextAppend;
      this.failNextAppend = null;
      throw error;
    }
    if (updates.length === 0) return 0;
    const log = this.logs.get(notebookId);
    if (!log) throw new Error(`No notebook ${notebookId}`);
    this.appends += 1;
    for (const update of updates) log.push({ id: this.nextId++, update });
    return this.nextId - 1;
  }

  async compact(notebookId: string, doc: Y.Doc, upToId: number, fence: Fence = {}): Promise<void> {
    if (this.outage) throw this.outage;
    this.claim(notebookId, fence);
    this.compactions += 1;
    const log = this.logs.get(notebookId) ?? [];
    const folded = log.filter((r) => r.id <= upToId);
    Y.transact(doc, () => folded.forEach((r) => Y.applyUpdate(doc, r.update)), LOAD);
    this.snapshots.set(notebookId, Y.encodeStateAsUpdate(doc));
    this.logs.set(notebookId, log.filter((r) => r.id > upToId));
  }

  /** The stored document, as a fresh Y.Doc. */
  stored(notebookId: string): Y.Doc {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, this.snapshots.get(notebookId)!);
    for (const r of this.logs.get(notebookId) ?? []) Y.applyUpdate(doc, r.update);
    return doc;
  }
}
