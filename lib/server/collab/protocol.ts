/**
 * The collaboration wire protocol: y-websocket's framing (a varint message type, then a y-protocols
 * sync or awareness message), plus the close codes Tandem uses. One file per boundary: both ends
 * of this socket read these constants.
 */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;

/** Path prefix of the collaboration endpoint: /collab/<notebookId>. */
export const COLLAB_PATH = "/collab/";

/** Largest frame the server accepts, in bytes. Bigger frames close that one connection. */
export const MAX_FRAME_BYTES = 4 * 1024 * 1024;

/** WebSocket close codes (4000-4999 are for applications). */
export const CLOSE = {
  /** A frame that could not be decoded. */
  badFrame: 4400,
  /** A frame larger than MAX_FRAME_BYTES (ws itself sends 1009 "message too big"). */
  tooBig: 1009,
  /** The server is shutting down; clients reconnect. */
  goingAway: 1001,
} as const;
