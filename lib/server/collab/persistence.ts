/**
 * The persistence queue: the path of one room's updates to storage.
 *
 * Every update the room's document takes is queued; the queue is flushed as one merged update
 * every FLUSH_INTERVAL_MS, so an update is durable well within a second. Storage calls run one at
 * a time, in order, on a promise chain: a compaction always sees every append before it. A failed
 * append is put back at the head of the queue and retried, so a database hiccup delays durability
 * but never loses an update.
 *
 * The queue remembers the id of the last log row it loaded or appended (`upToId`), and compaction
 * removes only rows up to it (storage.ts): an update another writer appends meanwhile is kept.
 *
 * `finish` is the room's last flush and compaction. It reports failure instead of swallowing it:
 * the room then stays loaded and tries again (room.ts), and at shutdown `spool` keeps the state in
 * a local file (spool.ts) instead.
 */
import * as Y from "yjs";
import { COMPACT_AFTER_MS, COMPACT_AFTER_UPDATES, FLUSH_INTERVAL_MS } from "../../protocol/collab";
import type { CollabStorage } from "./storage";

const RETRY_MS = 1_000;

type Log = (message: string, error?: unknown) => void;

export class PersistenceQueue {
  private pending: Uint8Array[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private chain: Promise<void> = Promise.resolve();
  /** Log rows since the last compaction (loaded or appended). */
  private logged: number;
  private firstLoggedAt = 0;
  /** The last log row this queue loaded or appended: what a compaction may remove. */
  private upToId: number;
  /** In the final flush: no timers, no compaction mid-way (finish compacts itself). */
  private finishing = false;
  /** Whether anything changed the document since it was loaded (for storage.idle). */
  private changed = false;

  constructor(
    private readonly id: string,
    private readonly storage: CollabStorage,
    private readonly doc: Y.Doc,
    loaded: { logged: number; lastId: number },
    private readonly log: Log,
  ) {
    this.logged = loaded.logged;
    this.upToId = loaded.lastId;
    if (this.logged > 0) this.firstLoggedAt = Date.now();
  }

  /** Queues one update of the document for storage. */
  push(update: Uint8Array): void {
    this.changed = true;
    this.pending.push(update);
    if (!this.finishing) this.flushTimer ??= setTimeout(() => this.flushNow(), FLUSH_INTERVAL_MS);
  }

  /** Whether updates are waiting to be appended. */
  get unstored(): boolean {
    return this.pending.length > 0;
  }

  /** Appends what is queued now (and compacts when due) instead of at the next tick. */
  flushNow(): void {
    this.clearTimer();
    if (this.pending.length === 0) return;
    this.enqueue(async () => {
      try {
        await this.appendPending();
      } catch (error) {
        this.log(`Storing an update of notebook ${this.id} failed; retrying in ${RETRY_MS} ms`, error);
        if (!this.finishing) this.flushTimer ??= setTimeout(() => this.flushNow(), RETRY_MS);
        return;
      }
      const due = this.logged >= COMPACT_AFTER_UPDATES || Date.now() - this.firstLoggedAt >= COMPACT_AFTER_MS;
      if (due && !this.finishing) {
        await this.compact().catch((error: unknown) => {
          // The log still holds every update: nothing is lost, the next compaction will retry.
          this.log(`Compacting notebook ${this.id} failed`, error);
        });
      }
    });
  }

  /**
   * The final store: appends what is queued, compacts, and keeps an automatic version when the
   * document changed. True when the document is fully stored; false (logged) when storage failed,
   * in which case nothing is dropped and finish may be called again.
   */
  finish(): Promise<boolean> {
    this.finishing = true;
    this.clearTimer();
    return new Promise<boolean>((resolve) =>
      this.enqueue(async () => {
        try {
          await this.appendPending();
          // A snapshot of the whole document also covers an append that failed just before.
          if (this.logged > 0) await this.compact();
          // Whatever compaction folded in from the log is in the snapshot it wrote.
          this.pending = [];
        } catch (error) {
          this.log(`Storing notebook ${this.id} before unloading it failed`, error);
          this.finishing = false;
          return resolve(false);
        }
        if (this.changed && this.storage.idle) {
          this.changed = false;
          await this.storage.idle(this.id, this.doc).catch((error: unknown) => this.log(`Keeping a version of notebook ${this.id} failed`, error));
        }
        resolve(true);
      }),
    );
  }

  /** The document's full state, for the spool when storage is still down at shutdown. */
  spoolState(): Uint8Array {
    this.finishing = true;
    this.clearTimer();
    return Y.encodeStateAsUpdate(this.doc);
  }

  /** Resolves when every storage call queued so far has finished. */
  async settled(): Promise<void> {
    let current: Promise<void>;
    do {
      current = this.chain;
      await current;
    } while (current !== this.chain);
  }

  /** Appends the queue as one merged update; on failure it is put back and the error thrown. */
  private async appendPending(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    const merged = batch.length === 1 ? batch[0]! : Y.mergeUpdates(batch);
    let lastId: number;
    try {
      lastId = await this.storage.append(this.id, [merged]);
    } catch (error) {
      this.pending.unshift(merged);
      throw error;
    }
    this.upToId = Math.max(this.upToId, lastId);
    if (this.logged === 0) this.firstLoggedAt = Date.now();
    this.logged += 1;
  }

  private async compact(): Promise<void> {
    await this.storage.compact(this.id, this.doc, this.upToId);
    this.logged = 0;
  }

  private clearTimer(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
  }

  private enqueue(task: () => Promise<void>): void {
    this.chain = this.chain.then(task, task);
  }
}
