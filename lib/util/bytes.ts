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
export function binarySize(bytes: number, round: "nearest" | "up" = "nearest"): string {
  const MIB = 1024 * 1024;
  if (bytes >= MIB) {
    if (bytes % MIB === 0) return `${bytes / MIB} MiB`;
    // A size over a limit is said rounded up, so that it never reads as the limit itself.
    const tenths = round === "up" ? Math.ceil((bytes / MIB) * 10) / 10 : bytes / MIB;
    return `${tenths.toFixed(1)} MiB`;
  }
  return `${Math.ceil(bytes / 1024)} KiB`;
}

/**
 * The bytes `text` takes in UTF-8, counted without encoding it (a notebook's text runs to
 * megabytes). A lone surrogate counts 3, as TextEncoder writes it (U+FFFD).
 */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2; // 4 bytes for the pair's 2 units
      i++;
    } else bytes += 2;
  }
  return bytes;
}
