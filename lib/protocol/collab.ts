/**
 * The collaboration wire protocol: y-websocket's framing (a varint message type, then a y-protocols
 * sync or awareness message), plus Tandem's one message of its own, the limits and the close codes.
 * One file per boundary, importing nothing: the server (lib/server/collab/), the browser session
 * (lib/sync/session.ts) and the tests read these constants, and neither side imports the other
 * (docs/adr/0002-import-boundaries.md).
 */

/**
 * Bump on any change to the messages or their meaning. The browser names the version it speaks in
 * the socket's URL (`?v=1`, COLLAB_VERSION_PARAM); the server closes a connection that speaks
 * another with CLOSE.protocolVersion, and the page reloads to fetch the code that matches. A URL
 * without `v` is version 1, what every client spoke before the version was named.
 *
 * A new notice from the server that a client may ignore (y-websocket logs an unknown type and drops
 * it) is not a change of meaning: MESSAGE_TITLE_CHANGED and MESSAGE_PROGRESS_CHANGED came without a
 * bump, and a page from before them sees a rename or a hand-in at its next load, as it did.
 */
export const COLLAB_PROTOCOL_VERSION = 1;
export const COLLAB_VERSION_PARAM = "v";

/** The protocol version a connection's URL query names (1 when it names none), or null when unreadable. */
export function requestedProtocolVersion(search: string): number | null {
  const value = new URLSearchParams(search).get(COLLAB_VERSION_PARAM);
  if (value === null) return 1;
  return /^\d{1,6}$/.test(value) ? Number(value) : null;
}

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
/**
 * Server to client only: the notebook's comments changed, fetch them again (they stay behind
 * their own route and its permission check: this carries nothing but its type). A client never
 * sends it; the server treats one that does as a bad frame.
 */
export const MESSAGE_COMMENTS_CHANGED = 100;
/**
 * Server to client only: someone renamed the notebook; then the new title (a varString). Everyone
 * in the room may read the notebook, title included. A client never sends it either.
 */
export const MESSAGE_TITLE_CHANGED = 101;
/**
 * Server to client only: this notebook is a student's copy whose assignment status changed (handed
 * in, taken back, returned): fetch the page's facts again. Carries nothing but its type.
 */
export const MESSAGE_PROGRESS_CHANGED = 102;

/**
 * Server to client only: nothing was sent on this connection for KEEPALIVE_MS. Carries nothing but
 * its type. A connection that hears nothing for SILENCE_LIMIT_MS is taken for dead and opened
 * again (lib/sync/session.ts): an instance that froze (a VM paused, a stopped process) holds its
 * sockets open, and without this its clients waited for y-websocket's own 30 s.
 */
export const MESSAGE_KEEPALIVE = 103;
/** The server sends MESSAGE_KEEPALIVE on a connection it has sent nothing on for this long... */
export const KEEPALIVE_MS = 5_000;
/** ...checking every KEEPALIVE_MS / 2, so a live server is never silent for much more than 7.5 s. */
export const SILENCE_LIMIT_MS = 12_000;

/** Every message type a client may send; the server's switch over it ends in an exhaustiveness check. */
export type ClientMessageType = typeof MESSAGE_SYNC | typeof MESSAGE_AWARENESS | typeof MESSAGE_AUTH | typeof MESSAGE_QUERY_AWARENESS;
/** Every message type the server sends. */
export type ServerMessageType =
  | typeof MESSAGE_SYNC
  | typeof MESSAGE_AWARENESS
  | typeof MESSAGE_COMMENTS_CHANGED
  | typeof MESSAGE_TITLE_CHANGED
  | typeof MESSAGE_PROGRESS_CHANGED
  | typeof MESSAGE_KEEPALIVE;

/** The client message type `type` is, or null for one a client may not send. */
export function clientMessageType(type: number): ClientMessageType | null {
  return type === MESSAGE_SYNC || type === MESSAGE_AWARENESS || type === MESSAGE_AUTH || type === MESSAGE_QUERY_AWARENESS ? type : null;
}

/** Path prefix of the collaboration endpoint: /collab/<notebookId>. */
export const COLLAB_PATH = "/collab/";

/** Largest frame the server accepts, in bytes. Bigger frames close that one connection (1009). */
export const MAX_FRAME_BYTES = 4 * 1024 * 1024;

/**
 * WebSocket close codes (4000-4999 are for applications). The y-websocket client treats 4400-4499
 * as permanent (it stops reconnecting), so only a client's own fault uses that range.
 */
export const CLOSE = {
  /** The server is shutting down or the room is being unloaded; clients reconnect. */
  goingAway: 1001,
  /** A frame larger than MAX_FRAME_BYTES (the ws library sends it). */
  tooBig: 1009,
  /** A frame that could not be decoded, or of an unknown message type. */
  badFrame: 4400,
  /**
   * An update that would leave the notebook outside its layout, or change a locked cell without
   * the right: the server took it back (nobody else saw it) and closed the connection
   * (lib/server/collab/guard.ts). A client that reconnects is repaired by the sync handshake: the
   * server's copy holds the rejected items as deleted, and sends that.
   */
  rejectedUpdate: 4422,
  /** The connection stopped answering pings; the client may reconnect. */
  timeout: 4008,
  /**
   * Who may do what in the notebook changed (sharing, the trash) and this connection's rights no
   * longer hold: the page reloads, to open the notebook with its new rights or say it cannot.
   */
  accessChanged: 4403,
  /**
   * The page speaks another protocol version than the server (a tab left open across a
   * deployment): the page reloads, to load the code that speaks the server's.
   */
  protocolVersion: 4426,
} as const;

/** Updates reach the database at most this long after the server receives them. */
export const FLUSH_INTERVAL_MS = 250;
/** A room compacts its update log into a snapshot after this many logged updates... */
export const COMPACT_AFTER_UPDATES = 500;
/** ...or this long after its first uncompacted update, whichever comes first. */
export const COMPACT_AFTER_MS = 60_000;
/** Server pings each connection this often and drops it when a ping goes unanswered. */
export const PING_INTERVAL_MS = 30_000;
