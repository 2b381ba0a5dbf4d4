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

/**
 * A size limit in words, in the binary units it is counted in: "10 MiB", "1.5 MiB", "512 KiB".
 * (A limit of 10 * 1024 * 1024 bytes said as "10 MB" would be off by 5% for a person who checks.)
 */
export function binarySize(bytes: number): string {
  const MIB = 1024 * 1024;
  if (bytes >= MIB) return `${(bytes / MIB).toFixed(bytes % MIB === 0 ? 0 : 1)} MiB`;
  return `${Math.ceil(bytes / 1024)} KiB`;
}
