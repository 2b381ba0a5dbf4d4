/**
 * The open rooms of this process, one per live notebook. A room is loaded from storage when its
 * first connection arrives (concurrent arrivals share one load) and unloaded when its last one
 * leaves: pending updates are flushed and the log compacted before the room is forgotten. A
 * connection that arrives while its room is unloading waits, then gets a freshly loaded room. A
 * room whose unload cannot reach storage stays here, open to joins, until it can (room.ts); at
 * shutdown (closeAll) what storage still cannot take goes to the spool, when one is given.
 *
 * With an `ownership` (several instances, ADR 0007) a room is loaded only under this instance's
 * lease, and every storage call carries the lease's fencing token; `locate` says when another
 * instance serves the notebook, and a room whose lease is lost is given up at once.
 */
import * as Y from "yjs";
import { SYSTEM } from "../../notebook/origins";
import type { Spool } from "./persistence";
import type { RoomHooks } from "./hooks";
import { isElsewhere, type Elsewhere, type RoomOwnership } from "./ownership";
import { Room, type Peer } from "./room";
import { FencedError, fencedStorage, type CollabStorage } from "./storage";

export class RoomManager {
  private readonly rooms = new Map<string, Promise<Room | Elsewhere | null>>();
  private closed = false;

  constructor(
    private readonly storage: CollabStorage,
    private readonly log: (message: string, error?: unknown) => void = console.error,
    private readonly spool?: Spool,
    /** Hooks of the caller's own for each room, after the room's (hooks.ts). */
    private readonly hooks: (notebookId: string) => readonly RoomHooks<Peer>[] = () => [],
    /** Leases of several instances (ADR 0007); none: every room is this process's. */
    private readonly ownership?: RoomOwnership,
  ) {}

  /**
   * The open room for `notebookId`, loading it if needed; null when the notebook does not exist.
   * Throws when another instance serves it (only with an ownership: use `locate`).
   */
  async open(notebookId: string): Promise<Room | null> {
    const found = await this.locate(notebookId);
    if (found && isElsewhere(found)) throw new Error(`Notebook ${notebookId} is served by ${found.elsewhere}`);
    return found;
  }

  /**
   * The open room for `notebookId`, loading it if needed (under this instance's lease); where
   * another instance serves it; or null when the notebook does not exist.
   */
  async locate(notebookId: string): Promise<Room | Elsewhere | null> {
    if (this.closed) throw new Error("RoomManager is closed");
    let entry = this.rooms.get(notebookId);
    if (!entry) {
      entry = this.load(notebookId);
      this.rooms.set(notebookId, entry);
      entry.then(
        (room) => (room === null || isElsewhere(room) ? this.forget(notebookId, entry!) : undefined),
        () => this.forget(notebookId, entry!),
      );
    }
    const room = await entry;
    if (room === null || isElsewhere(room)) return room;
    if (room.isClosing) {
      // Closed, or waiting for storage and open to joins again: either way, look again.
      await room.unloadSettled();
      return this.locate(notebookId);
    }
    if (room.isClosed) {
      this.forget(notebookId, entry);
      return this.locate(notebookId);
    }
    return room;
  }

  /**
   * Runs `change` on the notebook's live document, loading it when nobody is in it: everyone in
   * the room sees the change at once, and it is stored like any other update (an empty room is
   * unloaded again, flushed and compacted). False when the notebook does not exist.
   */
  async change(notebookId: string, change: (doc: Y.Doc) => void): Promise<boolean> {
    const room = await this.locate(notebookId);
    if (!room) return false;
    if (isElsewhere(room)) return this.ownership!.changeElsewhere(notebookId, change);
    change(room.doc);
    if (room.size === 0) this.unload(room);
    return true;
  }

  /**
   * The state of the notebook's open room, or null when no room is open. A room that is closing is
   * waited for: once closed, storage holds all it had (null); when its store failed, it stays
   * loaded, and its state is returned.
   */
  async liveState(notebookId: string): Promise<Uint8Array | null> {
    const entry = this.rooms.get(notebookId);
    const room = entry ? await entry.catch(() => null) : null;
    if (!room || isElsewhere(room) || room.isClosed) return null;
    if (!room.isClosing) return room.state();
    await room.unloadSettled();
    // Closed (storage has all it held), live again, or a new room: look again.
    return room.isClosed && this.rooms.get(notebookId) === entry ? null : this.liveState(notebookId);
  }

  /** The notebook's open room, if one is open (never opens one). */
  async openRoom(notebookId: string): Promise<Room | null> {
    const entry = this.rooms.get(notebookId);
    const room = entry ? await entry.catch(() => null) : null;
    return room && !isElsewhere(room) && !room.isClosing && !room.isClosed ? room : null;
  }

  /**
   * Applies an update made elsewhere (another instance's server-side change, ADR 0007) to the
   * notebook's open room, if this instance has one: everyone in it sees it, and it is stored.
   */
  async applyElsewhereChange(notebookId: string, update: Uint8Array): Promise<void> {
    const room = await this.openRoom(notebookId);
    if (room) Y.applyUpdate(room.doc, update, SYSTEM);
  }

  /** Rooms currently open (for tests and metrics). */
  get openRooms(): number {
    return this.rooms.size;
  }

  /** Flushes and closes every room, spooling what storage cannot take. Safe to call twice. */
  async closeAll(): Promise<void> {
    this.closed = true;
    const rooms = await Promise.all([...this.rooms.values()].map((p) => p.catch(() => null)));
    await Promise.all(rooms.map((room) => (room && !isElsewhere(room) ? room.shutdown() : undefined)));
    this.rooms.clear();
  }

  private async load(notebookId: string, above?: number, tries = 3): Promise<Room | Elsewhere | null> {
    const claim = this.ownership ? await this.ownership.claim(notebookId, above) : null;
    if (claim && isElsewhere(claim)) return claim;
    const storage = fencedStorage(this.storage, claim?.fence);
    let state;
    try {
      state = await storage.load(notebookId);
    } catch (error) {
      await claim?.release();
      // A newer owner loaded it between our claim and our load (our lease lapsed), or Redis lost
      // its counters: ask again, for a token above the stored one.
      if (error instanceof FencedError && tries > 1) return this.load(notebookId, error.stored, tries - 1);
      throw error;
    }
    if (!state) {
      await claim?.release();
      return null;
    }
    // The lease goes when the room is destroyed (stored and closed, or given up).
    const lease: RoomHooks<Peer>[] = claim ? [{ dispose: () => void claim.release() }] : [];
    const room: Room = new Room(notebookId, storage, state, () => this.unload(room), this.log, this.spool, [...lease, ...this.hooks(notebookId)]);
    claim?.onLost(() => room.abandon());
    return room;
  }

  private unload(room: Room): void {
    const entry = this.rooms.get(room.id);
    void room.close().then((closed) => {
      // Not closed: people came back while storage was down, and the room is live again.
      if (closed && entry && this.rooms.get(room.id) === entry) this.rooms.delete(room.id);
    });
  }

  private forget(notebookId: string, entry: Promise<Room | Elsewhere | null>): void {
    if (this.rooms.get(notebookId) === entry) this.rooms.delete(notebookId);
  }
}
