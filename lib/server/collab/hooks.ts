/**
 * What a room lets others take part in, as Hocuspocus's extensions do: the room itself only
 * relays (sync handshake, fan-out, awareness broadcast, unloading), and everything that decides or
 * keeps something is a hook. The room's own hooks are the presence owners (presence.ts) and the
 * persistence queue (persistence.ts), with the schema guard (guard.ts) as the one step that applies
 * a peer's update; a deployment or a test adds its own (a limit, a metric, an index) through
 * RoomManager's `hooks`, without editing the Room.
 *
 * Called in the order given; every hook is optional.
 */
export interface RoomHooks<P extends object> {
  /**
   * A writable peer's update, before it touches the document: a reason to refuse it (the peer is
   * closed with CLOSE.rejectedUpdate and nobody sees the update), or null to let it through to
   * the schema guard.
   */
  beforeApply?(peer: P, update: Uint8Array): string | null;
  /** A change of the document, after it was relayed to everyone else: store it, count it, index it. */
  onChange?(update: Uint8Array, origin: unknown): void;
  /** A peer's awareness update (presence): the hook applies what `peer` may say, at the pace allowed. */
  onAwareness?(peer: P, update: Uint8Array): void;
  /** `peer` left: the clientIDs whose presence goes with it. */
  onLeave?(peer: P): readonly number[];
  /** The room is destroyed: stop timers, let go of the document. */
  dispose?(): void;
}
