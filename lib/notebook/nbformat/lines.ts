/**
 * nbformat's multiline strings: on disk Jupyter writes them as lists of lines, each keeping its
 * line ending except the last; in the document Tandem keeps one string. The rules are nbformat's
 * own (nbformat/v4/rwbase.py): what it splits on writing and rejoins on reading, and where.
 */
export function joinMultiline(value: string | readonly string[]): string {
  return typeof value === "string" ? value : value.join("");
}

/**
 * Python's `str.splitlines(True)`, which nbformat's writer uses: it ends a line at \n, \r, \r\n,
 * \v, \f, \x1c-\x1e, \x85, \u2028 and \u2029, and keeps each ending.
 * "a\nb" -> ["a\n", "b"]; "" -> []; "a\n" -> ["a\n"]; "a\rb" -> ["a\r", "b"].
 */
export function splitLines(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const breaks = (c >= 0x0a && c <= 0x0d) || (c >= 0x1c && c <= 0x1e) || c === 0x85 || c === 0x2028 || c === 0x2029;
    if (!breaks) continue;
    if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
    out.push(text.slice(start, i + 1));
    start = i + 1;
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

/** application/json and application/*+json: values nbformat neither splits nor joins. */
const isJsonMime = (mime: string) => mime === "application/json" || (mime.startsWith("application/") && mime.endsWith("+json"));

/** What nbformat splits into lines on writing: text, SVG and JavaScript (never base64 images or PDF). */
const splitsOnDisk = (mime: string) => mime.startsWith("text/") || mime === "application/javascript" || mime === "image/svg+xml";

/** A bundle as the document keeps it: every non-JSON value given as a list of strings joined (nbformat's rejoin). */
export function joinBundle(bundle: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [mime, value] of Object.entries(bundle)) {
    out[mime] = !isJsonMime(mime) && Array.isArray(value) && value.every((v) => typeof v === "string") ? value.join("") : value;
  }
  return out;
}

/** A bundle as nbformat writes it: string values of text, SVG and JavaScript split into lines; the rest as they are. */
export function splitBundle(bundle: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [mime, value] of Object.entries(bundle)) out[mime] = typeof value === "string" && splitsOnDisk(mime) ? splitLines(value) : value;
  return out;
}
