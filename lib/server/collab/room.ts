/**
 * One live notebook on the server: its Y.Doc, its awareness (presence) and the connections in it.
 * The room relays; what decides or keeps something is a hook (hooks.ts): presence ownership
 * (presence.ts), the persistence queue (persistence.ts) that carries every update to storage, and
 * whatever RoomManager's caller adds. A peer's update is applied by the schema guard (guard.ts).
 *
 * Every update a writable connection sends is applied to the room's document with that connection
 * as the transaction origin, broadcast to every other connection, and queued for storage. A
 * read-only connection's sync updates are dropped before they touch the document. A frame that
 * cannot be decoded closes only the connection that sent it.
 *
 * Unloading never drops an accepted update: when the final flush or compaction fails, the room
 * keeps its document, lets people join again, and retries with backoff until storage takes it.
 * At server shutdown (`shutdown`), state that still cannot be stored goes to the local spool
 * (spool.ts), which the next boot replays.
 */
import * as Y from "yjs";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import { LOAD } from "../../notebook/origins";
import { SCHEMA_VERSION } from "../../notebook/schema";
import { documentVersion, upgradeDocument } from "../../notebook/upgrade";
import {
  CLOSE,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_COMMENTS_CHANGED,
  MESSAGE_TITLE_CHANGED,
  MESSAGE_PROGRESS_CHANGED,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  clientMessageType,
} from "../../protocol/collab";
import { assertNever } from "../../util/invariant";
import { roomClosed, roomOpened, updateRelayed } from "../metrics";
import { UpdateGuard, type GuardOutcome } from "./guard";
import type { RoomHooks } from "./hooks";
import { PersistenceQueue, type Spool } from "./persistence";
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

/**
 * Presence goes out at once, except in a burst: past PRESENCE_BURST messages in a window of
 * PRESENCE_WINDOW_MS, a room holds the changes and sends them together when the window ends. Every
 * y-websocket client renews its presence every 15 s, so a class that arrived together renews
 * together: 100 renewals used to make 100 messages to each of 100 sockets (10,000 writes, about
 * 100 ms in which no keystroke moved); now a handful each.
 */
export const PRESENCE_BURST = 4;
export const PRESENCE_WINDOW_MS = 50;

class BadFrame extends Error {}
/** An update the schema guard took back (guard.ts). */
class Rejected extends Error {}

export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  private readonly peers = new Map<Peer, Set<number>>();
  private readonly persistence: PersistenceQueue;
  /** The unload in progress: true once stored and destroyed, false when people came back. */
  private closing: Promise<boolean> | null = null;
  /** Unloading failed to store and waits to retry; the room takes joins meanwhile. */
  private retrying = false;
  /** Stored and destroyed. */
  private closed = false;
  /** Waiting for the unload to finish or pause (unloadSettled). */
  private settleWaiters: Array<() => void> = [];
  /** Takes back a peer's update that breaks the layout or a lock (guard.ts). */
  private readonly guard = new UpdateGuard(this.doc);
  /** The room's hooks, in order: presence, persistence, then the caller's (hooks.ts). */
  private readonly hooks: RoomHooks<Peer>[];
  /** Update events held back while the guard decides on a peer's update. */
  private held: Uint8Array[] | null = null;
  /** The document's full state as last encoded; null once anything changed (state()). */
  private encoded: Uint8Array | null = null;
  /** Presence changes waiting to go out together, and the current window's sends (PRESENCE_BURST). */
  private readonly presenceOut = new Set<number>();
  private presenceWindow = { start: -Infinity, sent: 0 };
  private presenceTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly id: string,
    private readonly storage: CollabStorage,
    state: StoredState,
    private readonly onEmpty: (room: Room) => void,
    private readonly log: (message: string, error?: unknown) => void = console.error,
    spool?: Spool,
    extraHooks: readonly RoomHooks<Peer>[] = [],
  ) {
    // The server's own document has no local user; its awareness state stays empty.
    this.awareness.setLocalState(null);
    Y.transact(this.doc, () => {
      Y.applyUpdate(this.doc, state.snapshot);
      for (const update of state.updates) Y.applyUpdate(this.doc, update);
    }, LOAD);
    // A document of an older layout is brought up to date (stored and relayed like any update,
    // once persistence listens below); one of a newer layout is not served at all.
    const layout = documentVersion(this.doc);
    if (layout > SCHEMA_VERSION) throw new Error(`Notebook ${id} is in layout version ${layout}; this server reads up to ${SCHEMA_VERSION}. Upgrade the server.`);
    // Storage refusing a call for a newer owner (ADR 0007) ends this room at once.
    this.persistence = new PersistenceQueue(id, storage, this.doc, { logged: state.updates.length, lastId: state.lastId }, log, spool, () => this.abandon());
    // Which connection owns which presence, and how fast each may update it.
    const presence = new PresenceOwners<Peer>(this.doc.clientID, (peer, update) => {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, peer);
    });
    const persistence = this.persistence;
    this.hooks = [
      { onAwareness: (peer, update) => presence.receive(peer, update), onLeave: (peer) => presence.release(peer), dispose: () => presence.dispose() },
      { onChange: (update) => persistence.push(update) },
      ...extraHooks,
    ];
    this.doc.on("update", (update: Uint8Array, origin: unknown) => this.onUpdate(update, origin));
    this.awareness.on("update", (change: AwarenessChange, origin: unknown) => this.onAwareness(change, origin));
    if (layout < SCHEMA_VERSION) upgradeDocument(this.doc);
    roomOpened();
  }

  /**
   * The document's full state as one update. Encoding a large notebook takes tens of milliseconds,
   * so it is done once per change, however many pages, exports and new connections read it.
   */
  state(): Uint8Array {
    this.encoded ??= Y.encodeStateAsUpdate(this.doc);
    return this.encoded;
  }

  get size(): number {
    return this.peers.size;
  }

  /** Unloading now (not once it is over: a closed room is `isClosed`, and nothing will settle it again). */
  get isClosing(): boolean {
    return this.closing !== null && !this.retrying && !this.closed;
  }

  /** The room was stored and destroyed; a new one must be loaded. */
  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Resolves when the unload in progress has finished (isClosed) or paused to wait for storage
   * (the room then takes joins and reads again); at once when none is in progress.
   */
  unloadSettled(): Promise<void> {
    if (!this.isClosing) return Promise.resolve();
    return new Promise((resolve) => this.settleWaiters.push(resolve));
  }

  /** Adds a connection and starts the sync handshake. */
  join(peer: Peer): void {
    if (this.isClosing || this.closed) throw new Error(`Room ${this.id} is closing or closed; open a new one`);
    // A room waiting to retry its unload is live again.
    this.persistence.wake();
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
    for (const hook of this.hooks) for (const id of hook.onLeave?.(peer) ?? []) ids.add(id);
    if (ids.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...ids], null);
    if (this.peers.size === 0) this.onEmpty(this);
  }

  /**
   * Closes every connection, stores the document (final flush, compaction, automatic version) and
   * destroys it. Resolves true once the room is gone, false when someone joined while storage was
   * down (the room is live again). Safe to call twice.
   */
  close(): Promise<boolean> {
    this.closing ??= this.unload();
    return this.closing;
  }

  /** Server shutdown: close, but spool what storage still cannot take (persistence.ts). */
  shutdown(): Promise<boolean> {
    this.persistence.shutdown();
    return this.close();
  }

  /** Resolves when every storage call queued so far has finished. */
  settled(): Promise<void> {
    return this.persistence.settled();
  }

  private async unload(): Promise<boolean> {
    for (const peer of [...this.peers.keys()]) peer.close(CLOSE.goingAway, "room closing");
    this.peers.clear();
    const outcome = await this.persistence.storeForGood({
      live: () => this.peers.size > 0,
      waiting: (waiting) => {
        this.retrying = waiting;
        if (waiting) this.notifySettled();
      },
    });
    if (outcome === "live") {
      this.closing = null;
      return false;
    }
    this.destroy();
    return true;
  }

  /**
   * Gives the room up without storing anything more (ADR 0007): its lease was lost, or a newer
   * owner fenced it out. Everyone is disconnected with "going away"; their clients reconnect,
   * reach the new owner and sync what they hold there. Safe to call twice, and during an unload
   * (which then ends without storing).
   */
  abandon(reason = "the notebook moved to another server"): void {
    if (this.closed) return;
    this.persistence.stop();
    for (const peer of [...this.peers.keys()]) peer.close(CLOSE.goingAway, reason);
    this.peers.clear();
    if (!this.closing) this.destroy();
  }

  private destroy(): void {
    if (this.closed) return;
    if (this.presenceTimer) clearTimeout(this.presenceTimer);
    this.presenceTimer = null;
    for (const hook of this.hooks) hook.dispose?.();
    this.guard.dispose();
    this.awareness.destroy();
    this.doc.destroy();
    this.closed = true;
    roomClosed();
    this.notifySettled();
  }

  private notifySettled(): void {
    const waiters = this.settleWaiters;
    this.settleWaiters = [];
    for (const resolve of waiters) resolve();
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
          // y-protocols' readSyncStep1, except that a client with nothing yet (a new page) gets the
          // cached full state rather than a fresh encoding of the whole document.
          const stateVector = decoding.readVarUint8Array(decoder);
          const empty = stateVector.length === 1 && stateVector[0] === 0;
          encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
          encoding.writeVarUint8Array(encoder, empty ? this.state() : Y.encodeStateAsUpdate(this.doc, stateVector));
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
      case MESSAGE_AWARENESS: {
        const update = decoding.readVarUint8Array(decoder);
        for (const hook of this.hooks) hook.onAwareness?.(peer, update);
        return null;
      }
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
    for (const hook of this.hooks) {
      const refusal = hook.beforeApply?.(peer, update);
      if (refusal) throw new Rejected(refusal);
    }
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
    this.encoded = null;
    // Held back while the guard decides on a peer's update (applyFrom).
    if (this.held) {
      this.held.push(update);
      return;
    }
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, update);
    const message = encoding.toUint8Array(encoder);
    for (const peer of this.peers.keys()) if (peer !== origin) peer.send(message);
    updateRelayed();
    for (const hook of this.hooks) hook.onChange?.(update, origin);
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
    for (const id of changed) this.presenceOut.add(id);
    // Held changes go out together when the window ends.
    if (this.presenceTimer !== null) return;
    const now = Date.now();
    if (now - this.presenceWindow.start >= PRESENCE_WINDOW_MS) this.presenceWindow = { start: now, sent: 0 };
    if (this.presenceWindow.sent < PRESENCE_BURST) return this.sendPresence();
    this.presenceTimer = setTimeout(() => {
      this.presenceTimer = null;
      this.presenceWindow = { start: Date.now(), sent: 0 };
      this.sendPresence();
    }, this.presenceWindow.start + PRESENCE_WINDOW_MS - now);
    (this.presenceTimer as { unref?: () => void }).unref?.();
  }

  /** Sends the presence changes held so far, in one message (onAwareness). */
  private sendPresence(): void {
    const ids = [...this.presenceOut];
    this.presenceOut.clear();
    this.presenceWindow.sent += 1;
    if (ids.length > 0 && !this.closed) this.sendToAll(this.awarenessMessage(ids));
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
    this.sendToAll(encoding.encode((encoder) => encoding.writeVarUint(encoder, MESSAGE_COMMENTS_CHANGED)));
  }

  /** Tells everyone in the room that the copy's assignment status changed (MESSAGE_PROGRESS_CHANGED). */
  progressChanged(): void {
    this.sendToAll(encoding.encode((encoder) => encoding.writeVarUint(encoder, MESSAGE_PROGRESS_CHANGED)));
  }

  /** Tells everyone in the room the notebook's new title (MESSAGE_TITLE_CHANGED). */
  titleChanged(title: string): void {
    this.sendToAll(
      encoding.encode((encoder) => {
        encoding.writeVarUint(encoder, MESSAGE_TITLE_CHANGED);
        encoding.writeVarString(encoder, title);
      }),
    );
  }

  private sendToAll(message: Uint8Array): void {
    for (const peer of this.peers.keys()) peer.send(message);
  }

  private awarenessMessage(clients: number[]): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
    return encoding.toUint8Array(encoder);
  }
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}
