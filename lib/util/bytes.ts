/**
 * The ArrayBuffer holding exactly `view`'s bytes: its own buffer when the view spans all of it (no
 * copy; transferring it hands those bytes over), else a copy. A view of shared memory or of a
 * larger buffer is copied, since neither can be transferred or given to a Response as it is.
 */
export function ownBuffer(view: Uint8Array): ArrayBuffer {
  const { buffer } = view;
  if (buffer instanceof ArrayBuffer && view.byteOffset === 0 && view.byteLength === buffer.byteLength) return buffer;
  return view.slice().buffer;
}
