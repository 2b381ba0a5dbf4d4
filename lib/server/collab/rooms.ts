/**
 * The open rooms of this process, one per live notebook. A room is loaded from storage when its
 * first connection arrives (concurrent arrivals share one load) and unloaded when its last one
 * leaves: pending updates are flushed and the log compacted before the room is forgotten. A
 * connection that arrives while its room is unloading waits, then gets a freshly loaded room. A
 * room whose unload cannot reach storage stays here, open to joins, until it can (room.ts); at
 * shutdown (closeAll) what storage still cannot take goes to the spool, when one is given.
 */
import type * as Y from "yjs";
import type { Spool } from "./persistence";
import type { RoomHooks } from "./hooks";
import { Room, type Peer } from "./room";
import type { CollabStorage } from "./storage";

export class RoomManager {
  private readonly rooms = new Map<string, Promise<Room | null>>();
  private closed = false;

  constructor(
    private readonly storage: CollabStorage,
    private readonly log: (message: string, error?: unknown) => void = console.error,
    private readonly spool?: Spool,
    /** Hooks of the caller's own for each room, after the room's (hooks.ts). */
    private readonly hooks: (notebookId: string) => readonly RoomHooks<Peer>[] = () => [],
  ) {}

  /** The open room for `notebookId`, loading it if needed; null when the notebook does not exist. */
  async open(notebookId: string): Promise<Room | null> {
    if (this.closed) throw new Error("RoomManager is closed");
    let entry = this.rooms.get(notebookId);
    if (!entry) {
      entry = this.load(notebookId);
      this.rooms.set(notebookId, entry);
      entry.then(
        (room) => room ?? this.forget(notebookId, entry!),
        () => this.forget(notebookId, entry!),
      );
    }
    const room = await entry;
    if (room?.isClosing) {
      // Closed, or waiting for storage and open to joins again: either way, look again.
      await room.unloadSettled();
      return this.open(notebookId);
    }
    if (room?.isClosed) {
      this.forget(notebookId, entry);
      return this.open(notebookId);
    }
    return room;
  }

  /**
   * Runs `change` on the notebook's live document, loading it when nobody is in it: everyone in
   * the room sees the change at once, and it is stored like any other update (an empty room is
   * unloaded again, flushed and compacted). False when the notebook does not exist.
   */
  async change(notebookId: string, change: (doc: Y.Doc) => void): Promise<boolean> {
    const room = await this.open(notebookId);
    if (!room) return false;
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
    if (!room || room.isClosed) return null;
    if (!room.isClosing) return room.state();
    await room.unloadSettled();
    // Closed (storage has all it held), live again, or a new room: look again.
    return room.isClosed && this.rooms.get(notebookId) === entry ? null : this.liveState(notebookId);
  }

  /** The notebook's open room, if one is open (never opens one). */
  async openRoom(notebookId: string): Promise<Room | null> {
    const entry = this.rooms.get(notebookId);
    const room = entry ? await entry.catch(() => null) : null;
    return room && !room.isClosing && !room.isClosed ? room : null;
  }

  /** Rooms currently open (for tests and metrics). */
  get openRooms(): number {
    return this.rooms.size;
  }

  /** Flushes and closes every room, spooling what storage cannot take. Safe to call twice. */
  async closeAll(): Promise<void> {
    this.closed = true;
    const rooms = await Promise.all([...this.rooms.values()].map((p) => p.catch(() => null)));
    await Promise.all(rooms.map((room) => room?.shutdown()));
    this.rooms.clear();
  }

  private async load(notebookId: string): Promise<Room | null> {
    const state = await this.storage.load(notebookId);
    if (!state) return null;
    const room: Room = new Room(notebookId, this.storage, state, () => this.unload(room), this.log, this.spool, this.hooks(notebookId));
    return room;
  }

  private unload(room: Room): void {
    const entry = this.rooms.get(room.id);
    void room.close().then((closed) => {
      // Not closed: people came back while storage was down, and the room is live again.
      if (closed && entry && this.rooms.get(room.id) === entry) this.rooms.delete(room.id);
    });
  }

  private forget(notebookId: string, entry: Promise<Room | null>): void {
    if (this.rooms.get(notebookId) === entry) this.rooms.delete(notebookId);
  }
}
