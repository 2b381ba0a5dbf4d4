/**
 * The stored state of notebooks that have no open room, kept for the next read. Eight people
 * opening a 10,000-cell notebook that nobody is editing would otherwise read and decode the same
 * megabytes eight times on the event loop (documents/service.ts).
 *
 * An entry is only ever used when the database still shows the stamp it was loaded under: the
 * snapshot's `updatedAt` (every compaction sets it) and the log's last id and length (every append
 * and compaction changes them). The stamp is read before the state, so a cached state is never
 * older than its stamp. This process's own writes also drop the entry at once (prisma-storage.ts),
 * which covers two compactions within one millisecond; another process's writes (scale-out) are
 * seen through the stamp.
 *
 * Bounded by bytes (least recently used goes first); one notebook larger than the whole budget is
 * not kept.
 */
import { serverContext } from "../context";

/** Enough for a few of the largest notebooks the limits allow. */
const MAX_BYTES = 64 * 1024 * 1024;

/** The process's one cache (server.ts's modules and Next's bundle share it: context.ts). */
export function sharedStateCache(): StateCache {
  const context = serverContext();
  context.states ??= new StateCache(MAX_BYTES);
  return context.states;
}

export interface StateStamp {
  readonly updatedAt: number;
  readonly lastId: number;
  readonly logged: number;
}

const sameStamp = (a: StateStamp, b: StateStamp) => a.updatedAt === b.updatedAt && a.lastId === b.lastId && a.logged === b.logged;

export class StateCache {
  private readonly entries = new Map<string, { stamp: StateStamp; state: Uint8Array }>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(notebookId: string, stamp: StateStamp): Uint8Array | null {
    const entry = this.entries.get(notebookId);
    if (!entry) return null;
    if (!sameStamp(entry.stamp, stamp)) {
      this.forget(notebookId);
      return null;
    }
    // Most recently used last.
    this.entries.delete(notebookId);
    this.entries.set(notebookId, entry);
    return entry.state;
  }

  set(notebookId: string, stamp: StateStamp, state: Uint8Array): void {
    this.forget(notebookId);
    if (state.byteLength > this.maxBytes) return;
    this.entries.set(notebookId, { stamp, state });
    this.bytes += state.byteLength;
    for (const [id, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(id);
      this.bytes -= entry.state.byteLength;
    }
  }

  forget(notebookId: string): void {
    const entry = this.entries.get(notebookId);
    if (!entry) return;
    this.entries.delete(notebookId);
    this.bytes -= entry.state.byteLength;
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }
}
