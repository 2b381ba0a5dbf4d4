/**
 * The persistence queue: the path of one room's updates to storage.
 *
 * Every update the room's document takes is queued; the queue is flushed as one merged update
 * at the next multiple of FLUSH_INTERVAL_MS on the clock, so an update is durable well within a
 * second. Every room flushes on the same clock, so that storage can write them all at once (a
 * group commit, prisma-storage.ts). Storage calls run one at a time, in order, on a promise
 * chain: a compaction always sees every append before it. A failed
 * append is put back at the head of the queue and retried, so a database hiccup delays durability
 * but never loses an update.
 *
 * The queue remembers the id of the last log row it loaded or appended (`upToId`), and compaction
 * removes only rows up to it (storage.ts): an update another writer appends meanwhile is kept.
 *
 * `storeForGood` is the room's unload: the last flush, compaction and automatic version, tried
 * again with backoff until storage takes them. Between tries the room stays loaded and may take
 * people back (room.ts). At shutdown a try that fails, or takes longer than SHUTDOWN_STORE_MS,
 * puts the document's state in the local spool (spool.ts) instead.
 *
 * A call refused with FencedError (ADR 0007: another instance owns the room now) is never retried
 * or spooled: the queue stops, drops what it holds and tells the room (`onFenced`), which closes its
 * connections. Its clients reconnect to the new owner and their sync handshake carries what they
 * have.
 */
import * as Y from "yjs";
import { COMPACT_AFTER_MS, COMPACT_AFTER_UPDATES, FLUSH_INTERVAL_MS } from "../../protocol/collab";
import { timeFlush } from "../metrics";
import { FencedError, type CollabStorage } from "./storage";

const RETRY_MS = 1_000;
/** Retries of a failed unload: the first after this long, doubling up to UNLOAD_RETRY_MAX_MS. */
const UNLOAD_RETRY_MS = 1_000;
const UNLOAD_RETRY_MAX_MS = 30_000;
/** How long a shutdown waits for storage before it spools instead. */
export const SHUTDOWN_STORE_MS = 3_000;

type Log = (message: string, error?: unknown) => void;

/** Keeps a notebook's state that storage could not take at shutdown (spool.ts). */
export type Spool = (notebookId: string, update: Uint8Array) => void;

/** What the unload asks of its room between tries. */
export interface UnloadingRoom {
  /** Someone is in the room again: stop unloading. */
  live(): boolean;
  /** The unload waits for storage (true) or tries again (false). */
  waiting(waiting: boolean): void;
}

/** Milliseconds until the clock's next multiple of FLUSH_INTERVAL_MS, when every room flushes. */
function untilNextFlush(): number {
  return FLUSH_INTERVAL_MS - (Date.now() % FLUSH_INTERVAL_MS);
}

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
  private shuttingDown = false;
  private shutdownDeadline: ReturnType<typeof setTimeout> | null = null;
  /** Ends the current wait between unload tries early. */
  private wakeWait: (() => void) | null = null;
  /** Gives up the current unload try (shutdown deadline passed). */
  private abandonTry: (() => void) | null = null;
  /** A newer owner has the notebook (FencedError) or the room gave it up: store nothing more. */
  private stopped = false;

  constructor(
    private readonly id: string,
    private readonly storage: CollabStorage,
    private readonly doc: Y.Doc,
    loaded: { logged: number; lastId: number },
    private readonly log: Log,
    private readonly spool?: Spool,
    /** Storage refused a call because another instance owns the room now. */
    private readonly onFenced: () => void = () => undefined,
  ) {
    this.logged = loaded.logged;
    this.upToId = loaded.lastId;
    if (this.logged > 0) this.firstLoggedAt = Date.now();
  }

  /** Queues one update of the document for storage. */
  push(update: Uint8Array): void {
    this.changed = true;
    this.pending.push(update);
    if (!this.finishing) this.flushTimer ??= setTimeout(() => this.flushNow(), untilNextFlush());
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
        if (this.fencedBy(error)) return;
        this.log(`Storing an update of notebook ${this.id} failed; retrying in ${RETRY_MS} ms`, error);
        if (!this.finishing) this.flushTimer ??= setTimeout(() => this.flushNow(), RETRY_MS);
        return;
      }
      const due = this.logged >= COMPACT_AFTER_UPDATES || Date.now() - this.firstLoggedAt >= COMPACT_AFTER_MS;
      if (due && !this.finishing) {
        await this.compact().catch((error: unknown) => {
          if (this.fencedBy(error)) return;
          // The log still holds every update: nothing is lost, the next compaction will retry.
          this.log(`Compacting notebook ${this.id} failed`, error);
        });
      }
    });
  }

  /**
   * Stores the document for good before the room is destroyed ("stored"), or spools it at
   * shutdown ("spooled"); "live" when the room took someone back while waiting for storage.
   */
  async storeForGood(room: UnloadingRoom): Promise<"stored" | "spooled" | "live" | "fenced"> {
    try {
      for (let delay = UNLOAD_RETRY_MS; ; delay = Math.min(delay * 2, UNLOAD_RETRY_MAX_MS)) {
        if (this.stopped) return "fenced";
        const abandoned = new Promise<boolean>((resolve) => (this.abandonTry = () => resolve(false)));
        if (await Promise.race([this.finish(), abandoned])) return "stored";
        if (this.stopped) return "fenced";
        if (this.shuttingDown) {
          this.spoolState();
          return "spooled";
        }
        room.waiting(true);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          this.wakeWait = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wakeWait = null;
        room.waiting(false);
        if (room.live()) return "live";
      }
    } finally {
      this.abandonTry = null;
      if (this.shutdownDeadline) clearTimeout(this.shutdownDeadline);
    }
  }

  /**
   * Stores nothing more and drops what is queued: the room was given up (its lease was lost) or a
   * newer owner fenced it out. Ends an unload's wait, which then reports "fenced".
   */
  stop(): void {
    this.stopped = true;
    this.pending = [];
    this.clearTimer();
    this.wake();
    this.abandonTry?.();
  }

  /** Whether `error` is a newer owner's refusal; if so the queue stops and tells the room. */
  private fencedBy(error: unknown): boolean {
    if (!(error instanceof FencedError)) return false;
    this.log(`Notebook ${this.id} moved to another instance: this one stops storing it (${error.message})`);
    this.stop();
    this.onFenced();
    return true;
  }

  /** Ends a wait between unload tries now (someone joined). */
  wake(): void {
    this.wakeWait?.();
  }

  /** The server stops: the unload's next failed or late try spools instead of waiting. */
  shutdown(): void {
    if (this.shuttingDown) return;
    this.shuttingDown = true;
    this.shutdownDeadline = setTimeout(() => this.abandonTry?.(), SHUTDOWN_STORE_MS);
    // A room already stored has no try to abandon; this timer must not hold the process up.
    this.shutdownDeadline.unref?.();
    this.wake();
  }

  /**
   * The final store: appends what is queued, compacts, and keeps an automatic version when the
   * document changed. True when the document is fully stored; false (logged) when storage failed,
   * in which case nothing is dropped and finish may be called again.
   */
  private finish(): Promise<boolean> {
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
          // Given up meanwhile: nothing was stored, and no version is kept by an old owner.
          if (this.stopped) return resolve(false);
        } catch (error) {
          if (this.fencedBy(error)) return resolve(false);
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

  /** Writes the document's full state to the spool (storage still down at shutdown). */
  private spoolState(): void {
    this.finishing = true;
    this.clearTimer();
    if (!this.spool) {
      this.log(`Notebook ${this.id} could not be stored at shutdown and there is no spool: its unsaved edits are lost`);
      return;
    }
    try {
      this.spool(this.id, Y.encodeStateAsUpdate(this.doc));
      this.log(`Notebook ${this.id} could not be stored at shutdown; kept in the spool for the next start`);
    } catch (error) {
      this.log(`Spooling notebook ${this.id} failed: its unsaved edits are lost`, error);
    }
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
    if (this.stopped || this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    const merged = batch.length === 1 ? batch[0]! : Y.mergeUpdates(batch);
    let lastId: number;
    try {
      lastId = await timeFlush("append", () => this.storage.append(this.id, [merged]));
    } catch (error) {
      this.pending.unshift(merged);
      throw error;
    }
    this.upToId = Math.max(this.upToId, lastId);
    if (this.logged === 0) this.firstLoggedAt = Date.now();
    this.logged += 1;
  }

  private async compact(): Promise<void> {
    if (this.stopped) return;
    await timeFlush("compact", () => this.storage.compact(this.id, this.doc, this.upToId));
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
