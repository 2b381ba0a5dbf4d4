/**
 * One live notebook on the server: its Y.Doc, its awareness (presence), the connections in it and
 * the path of its updates to storage.
 *
 * Every update a writable connection sends is applied to the room's document with that connection
 * as the transaction origin, broadcast to every other connection, and queued for storage; the queue
 * is flushed as one merged update every FLUSH_INTERVAL_MS, so an update is durable well within a
 * second. A read-only connection's sync updates are dropped before they touch the document. A
 * frame that cannot be decoded closes only the connection that sent it.
 *
 * Storage calls run one at a time, in order, on a promise chain: a compaction always sees every
 * append before it. A failed append is put back at the head of the queue and retried, so a
 * database hiccup delays durability but never loses an update.
 */
import * as Y from "yjs";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import { LOAD } from "../../notebook/origins";
import {
  CLOSE,
  COMPACT_AFTER_MS,
  COMPACT_AFTER_UPDATES,
  FLUSH_INTERVAL_MS,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_COMMENTS_CHANGED,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  clientMessageType,
} from "../../protocol/collab";
import { assertNever } from "../../util/invariant";
import { UpdateGuard, type GuardOutcome } from "./guard";
import { PresenceOwners } from "./presence";
import type { CollabStorage, StoredState } from "./storage";

/** A connection as the room sees it; the endpoint adapts a WebSocket to this. */
export interface Peer {
  readonly readOnly: boolean;
  /** One of the class's teachers on a student's copy: the only peers whose presence says "teacher". */
  readonly teacher?: boolean;
  /** May change the cells the notebook locks (guard.ts): a class's teacher, or the owner of a notebook that is no student's copy. */
  readonly editsLocked?: boolean;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

class BadFrame extends Error {}
/** An update the schema guard took back (guard.ts). */
class Rejected extends Error {}

const RETRY_MS = 1_000;

export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  private readonly peers = new Map<Peer, Set<number>>();
  private pending: Uint8Array[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private chain: Promise<void> = Promise.resolve();
  private logged = 0;
  private firstLoggedAt = 0;
  private closing: Promise<void> | null = null;
  /** Whether anything changed the document since it was loaded (for storage.idle). */
  private changed = false;
  /** Takes back a peer's update that breaks the layout or a lock (guard.ts). */
  private readonly guard = new UpdateGuard(this.doc);
  /** Which connection owns which presence, and how fast each may update it (presence.ts). */
  private readonly presence = new PresenceOwners<Peer>(this.doc.clientID, (peer, update) => {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, peer);
  });
  /** Update events held back while the guard decides on a peer's update. */
  private held: Uint8Array[] | null = null;

  constructor(
    readonly id: string,
    private readonly storage: CollabStorage,
    state: StoredState,
    private readonly onEmpty: (room: Room) => void,
    private readonly log: (message: string, error?: unknown) => void = console.error,
  ) {
    // The server's own document has no local user; its awareness state stays empty.
    this.awareness.setLocalState(null);
    Y.transact(this.doc, () => {
      Y.applyUpdate(this.doc, state.snapshot);
      for (const update of state.updates) Y.applyUpdate(this.doc, update);
    }, LOAD);
    this.logged = state.updates.length;
    if (this.logged > 0) this.firstLoggedAt = Date.now();
    this.doc.on("update", (update: Uint8Array, origin: unknown) => this.onUpdate(update, origin));
    this.awareness.on("update", (change: AwarenessChange, origin: unknown) => this.onAwareness(change, origin));
  }

  get size(): number {
    return this.peers.size;
  }

  get isClosing(): boolean {
    return this.closing !== null;
  }

  /** Adds a connection and starts the sync handshake. */
  join(peer: Peer): void {
    if (this.closing) throw new Error(`Room ${this.id} is closing; open a new one`);
    this.peers.set(peer, new Set());
    const sync = encoding.createEncoder();
    encoding.writeVarUint(sync, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(sync, this.doc);
    peer.send(encoding.toUint8Array(sync));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) peer.send(this.awarenessMessage(states));
  }

  /** Handles one frame from `peer`; a frame that fails to decode closes that peer only. */
  receive(peer: Peer, data: Uint8Array): void {
    if (!this.peers.has(peer)) return;
    try {
      const reply = this.handle(peer, data);
      if (reply) peer.send(reply);
    } catch (error) {
      const reason = error instanceof BadFrame || error instanceof Rejected ? error.message : "could not decode frame";
      if (error instanceof Rejected) this.log(`Rejected an update to notebook ${this.id}: ${reason}`);
      peer.close(error instanceof Rejected ? CLOSE.rejectedUpdate : CLOSE.badFrame, reason);
      this.leave(peer);
    }
  }

  /** Removes a connection (idempotent); an empty room asks to be unloaded. */
  leave(peer: Peer): void {
    const ids = this.peers.get(peer);
    if (!ids) return;
    this.peers.delete(peer);
    for (const id of this.presence.release(peer)) ids.add(id);
    if (ids.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...ids], null);
    if (this.peers.size === 0) this.onEmpty(this);
  }

  /** Flushes, compacts if anything was logged, and closes every connection. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      for (const peer of [...this.peers.keys()]) peer.close(CLOSE.goingAway, "room closing");
      this.peers.clear();
      this.flushNow();
      this.enqueueStorage(async () => {
        // A snapshot of the whole document also covers an append that failed just before.
        if (this.logged > 0 || this.pending.length > 0) await this.compact();
        if (this.changed && this.storage.idle) {
          await this.storage.idle(this.id, this.doc).catch((error: unknown) => this.log(`Keeping a version of notebook ${this.id} failed`, error));
        }
      });
      await this.settled();
      this.awareness.destroy();
      this.doc.destroy();
    })();
    return this.closing;
  }

  /** Resolves when every storage call queued so far has finished. */
  async settled(): Promise<void> {
    let current: Promise<void>;
    do {
      current = this.chain;
      await current;
    } while (current !== this.chain);
  }

  private handle(peer: Peer, data: Uint8Array): Uint8Array | null {
    const decoder = decoding.createDecoder(data);
    const raw = decoding.readVarUint(decoder);
    const type = clientMessageType(raw);
    if (type === null) throw new BadFrame(`unknown message type ${raw}`);
    switch (type) {
      case MESSAGE_SYNC: {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        const syncType = decoding.readVarUint(decoder);
        if (syncType === syncProtocol.messageYjsSyncStep1) {
          syncProtocol.readSyncStep1(decoder, encoder, this.doc);
          return encoding.toUint8Array(encoder);
        }
        if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
          const update = decoding.readVarUint8Array(decoder);
          // Read-only connections may sync down but never change the document.
          if (!peer.readOnly) this.applyFrom(peer, update);
          return null;
        }
        throw new BadFrame(`unknown sync message type ${syncType}`);
      }
      case MESSAGE_AWARENESS:
        this.presence.receive(peer, decoding.readVarUint8Array(decoder));
        return null;
      case MESSAGE_QUERY_AWARENESS:
        return this.awarenessMessage([...this.awareness.getStates().keys()]);
      case MESSAGE_AUTH:
        return null;
      default:
        return assertNever(type, "client message type");
    }
  }

  /**
   * Applies a peer's update through the schema guard. Its update events are held back until the
   * guard decides: passed, they go out as usual; rejected, only the guard's repair (tombstones of
   * the bad items, copies of what they deleted) goes to the others and to storage, and the peer is
   * closed with CLOSE.rejectedUpdate.
   */
  private applyFrom(peer: Peer, update: Uint8Array): void {
    this.held = [];
    let outcome: GuardOutcome;
    const release = () => {
      const held = this.held ?? [];
      this.held = null;
      return held;
    };
    try {
      outcome = this.guard.apply(update, peer, { editsLocked: peer.editsLocked === true });
    } catch (error) {
      // An update that failed part-way may still have changed the document: let that out as usual.
      for (const event of release()) this.onUpdate(event, peer);
      throw error;
    }
    const held = release();
    if (outcome.ok) {
      for (const event of held) this.onUpdate(event, peer);
      return;
    }
    if (outcome.repair) this.onUpdate(outcome.repair, peer);
    throw new Rejected(outcome.reason);
  }

  private onUpdate(update: Uint8Array, origin: unknown): void {
    if (this.held) {
      this.held.push(update);
      return;
    }
    this.changed = true;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, update);
    const message = encoding.toUint8Array(encoder);
    for (const peer of this.peers.keys()) if (peer !== origin) peer.send(message);
    this.pending.push(update);
    this.flushTimer ??= setTimeout(() => this.flushNow(), FLUSH_INTERVAL_MS);
  }

  private onAwareness({ added, updated, removed }: AwarenessChange, origin: unknown): void {
    const ids = origin instanceof Object ? this.peers.get(origin as Peer) : undefined;
    if (ids) {
      for (const id of added) ids.add(id);
      for (const id of removed) ids.delete(id);
      for (const id of [...added, ...updated]) this.stampRole(id, (origin as Peer).teacher === true);
    }
    const changed = [...added, ...updated, ...removed];
    if (changed.length === 0) return;
    const message = this.awarenessMessage(changed);
    for (const peer of this.peers.keys()) peer.send(message);
  }

  /**
   * Presence is what each client says of itself, except the "teacher" label: the server knows who
   * is one (the connection's access), so it sets or removes the label before anyone sees the state.
   */
  private stampRole(clientId: number, teacher: boolean): void {
    const state = this.awareness.getStates().get(clientId) as { user?: Record<string, unknown> } | undefined;
    const user = state?.user;
    if (!user || typeof user !== "object" || (user.role === "teacher") === teacher) return;
    const { role: _claimed, ...rest } = user;
    this.awareness.getStates().set(clientId, { ...state, user: teacher ? { ...rest, role: "teacher" } : rest });
  }

  /** Tells everyone in the room to fetch the comments again (MESSAGE_COMMENTS_CHANGED). */
  commentsChanged(): void {
    const message = encoding.encode((encoder) => encoding.writeVarUint(encoder, MESSAGE_COMMENTS_CHANGED));
    for (const peer of this.peers.keys()) peer.send(message);
  }

  private awarenessMessage(clients: number[]): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
    return encoding.toUint8Array(encoder);
  }

  private flushNow(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    const merged = batch.length === 1 ? batch[0]! : Y.mergeUpdates(batch);
    this.enqueueStorage(async () => {
      try {
        await this.storage.append(this.id, [merged]);
      } catch (error) {
        this.log(`Storing an update of notebook ${this.id} failed; retrying in ${RETRY_MS} ms`, error);
        this.pending.unshift(merged);
        if (!this.closing) this.flushTimer ??= setTimeout(() => this.flushNow(), RETRY_MS);
        return;
      }
      if (this.logged === 0) this.firstLoggedAt = Date.now();
      this.logged += 1;
      const due = this.logged >= COMPACT_AFTER_UPDATES || Date.now() - this.firstLoggedAt >= COMPACT_AFTER_MS;
      if (due && !this.closing) await this.compact();
    });
  }

  private async compact(): Promise<void> {
    try {
      await this.storage.compact(this.id, this.doc);
      this.logged = 0;
    } catch (error) {
      // The log still holds every update: nothing is lost, the next compaction will retry.
      this.log(`Compacting notebook ${this.id} failed`, error);
    }
  }

  private enqueueStorage(task: () => Promise<void>): void {
    this.chain = this.chain.then(task, task);
  }
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}
