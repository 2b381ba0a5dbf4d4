/**
 * nbformat's multiline strings: on disk Jupyter writes them as lists of lines, each keeping its
 * "\n" except the last; in the document Tandem keeps one string.
 */
export function joinMultiline(value: string | readonly string[]): string {
  return typeof value === "string" ? value : value.join("");
}

/** "a\nb" -> ["a\n", "b"]; "" -> []; "a\n" -> ["a\n"]. */
export function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  const out = lines.map((line, i) => (i < lines.length - 1 ? `${line}\n` : line));
  if (out[out.length - 1] === "") out.pop();
  return out;
}

const isJsonMime = (mime: string) => /^application\/(.*\+)?json$/.test(mime);

/** Applies `fn` to each non-JSON value of a mime bundle that is a multiline string. */
export function mapBundleText(
  bundle: Record<string, unknown>,
  fn: (text: string | readonly string[]) => unknown,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [mime, value] of Object.entries(bundle)) {
    const isText = typeof value === "string" || (Array.isArray(value) && value.every((v) => typeof v === "string"));
    out[mime] = !isJsonMime(mime) && isText ? fn(value as string | string[]) : value;
  }
  return out;
}
