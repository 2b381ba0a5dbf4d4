/**
 * How embeds name things: a cell in the Embed dialog's pickers ("Cell 3: print(sys.getrefcount(x))",
 * its position and the start of its first non-blank line), and an embed's title ("Lists: cell 3"),
 * which the dialog's iframe snippet and the oEmbed answer share. Pure, for the page, the server and
 * tests alike.
 */

/** How many characters of the source a label shows, the ellipsis included. */
export const LABEL_SOURCE_LENGTH = 40;

/**
 * "Cell <index + 1>: <first non-blank line of source>", the line's whitespace collapsed and
 * clipped to 40 characters (the last one then "…"); just "Cell <n>" for an empty cell.
 * `index` is the cell's 0-based index in notebook order, as Array.prototype.map gives it.
 */
export function cellLabel(index: number, source: string): string {
  if (!Number.isInteger(index) || index < 0) throw new Error(`Invalid cell index ${index} (expected an integer >= 0)`);
  const name = `Cell ${index + 1}`;
  const line = source
    .split(/\r\n|\r|\n/)
    .map((l) => l.replace(/\s+/g, " ").trim())
    .find((l) => l !== "");
  if (!line) return name;
  // By code point, so an emoji is never cut in half.
  const chars = Array.from(line);
  const clipped = chars.length > LABEL_SOURCE_LENGTH ? `${chars.slice(0, LABEL_SOURCE_LENGTH - 1).join("")}…` : line;
  return `${name}: ${clipped}`;
}

/**
 * The title of an embed of `notebookTitle`: the title itself for the whole notebook (no
 * positions), "<title>: cell 3" for one cell, "<title>: cells 2–4" for a range. `positions` are
 * the 1-based positions of the cells shown, in order (only the first and last are read).
 */
export function embedTitle(notebookTitle: string, positions: readonly number[]): string {
  if (positions.length === 0) return notebookTitle;
  const first = positions[0]!;
  const last = positions[positions.length - 1]!;
  return first === last ? `${notebookTitle}: cell ${first}` : `${notebookTitle}: cells ${first}–${last}`;
}
