/**
 * Broadcast frames, built once: a keystroke goes to every other connection in its room, and the ws
 * library would frame it anew for each (a header buffer, a cork, a two-buffer writev). Here the
 * whole frame (RFC 6455 §5.2: FIN, binary opcode, unmasked length, payload) is made once per
 * message and written to each socket as one buffer. The room hands every peer the same Uint8Array
 * in turn, so remembering the last message framed is enough.
 *
 * Writing beside ws on its socket is safe while ws never holds a frame back: that is so without
 * permessage-deflate (the endpoint never negotiates it) and without Blob data (never sent), as
 * every frame ws writes, it writes whole and at once, and so do we.
 */
const OPCODE_BINARY = 0x2;
const FIN = 0x80;

let lastMessage: Uint8Array | null = null;
let lastFrame: Buffer | null = null;

/** `message` as one unmasked binary frame, the same Buffer for the same message. */
export function binaryFrame(message: Uint8Array): Buffer {
  if (message === lastMessage && lastFrame) return lastFrame;
  const length = message.byteLength;
  const header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + length);
  frame[0] = FIN | OPCODE_BINARY;
  if (header === 2) frame[1] = length;
  else if (header === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  frame.set(message, header);
  lastMessage = message;
  lastFrame = frame;
  return frame;
}
