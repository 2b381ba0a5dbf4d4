/**
 * Who serves a notebook's room when several instances share the work (ADR 0007). The rooms ask
 * before loading one; lib/server/cluster/ answers from leases in Redis. With no ownership given
 * (one process) every room is this process's, unfenced.
 */
import type * as Y from "yjs";

/** This instance holds the room's lease. */
export interface Claim {
  /** The lease's fencing token: every storage call of the room carries it. */
  readonly fence: number;
  /** Calls `listener` once if the lease is lost (not renewed in time, or taken over). */
  onLost(listener: () => void): void;
  /** Gives the lease up (the room was stored and closed). */
  release(): Promise<void>;
}

/** Another instance holds the room's lease; `elsewhere` is its address for forwarded sockets. */
export interface Elsewhere {
  readonly elsewhere: string;
}

export interface RoomOwnership {
  /**
   * Takes (or keeps) the notebook's lease, or says which instance holds it. A new lease's token is
   * above `above` (the token storage holds, when a load was fenced out).
   */
  claim(notebookId: string, above?: number): Promise<Claim | Elsewhere>;
  /**
   * A server-side change to a notebook whose room another instance serves: stored without a fence
   * (a row no compaction loses) and handed to the owner, which applies it to the live room.
   * False when there is no such notebook.
   */
  changeElsewhere(notebookId: string, change: (doc: Y.Doc) => void): Promise<boolean>;
  /**
   * The address of each notebook's lease holder now (null: nobody). An edge asks every second for
   * the notebooks it forwards: a socket piped to an instance that no longer holds the lease (it
   * died, or paused and lost it) is closed, and its client reconnects to the new owner.
   */
  holders(notebookIds: readonly string[]): Promise<Map<string, string | null>>;
}

export const isElsewhere = (value: object): value is Elsewhere => "elsewhere" in value;
