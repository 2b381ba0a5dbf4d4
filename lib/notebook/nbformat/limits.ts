/**
 * Limits on what a notebook file may hold, checked before anything else reads it. None is reached
 * by a real notebook; each stops a file that is small enough to upload (up to 20 MiB, twice the
 * notebook limit: http/body-limit.ts) but would crash or stall the server:
 *
 * - Depth: the code that stores (Yjs encodes values recursively), serializes and exports JSON
 *   recurses once per level, and a 10 MB file can nest 5 million levels; past about 5,000 the call
 *   stack overflows, and JSON.parse alone takes seconds on such a file. Notebooks nest about 10 levels (cells[0].outputs[0].data["application/json"]...),
 *   widget state and Vega/Plotly specs a dozen or two more.
 * - Cells and outputs per cell: the work of an import grows with the number of items more than with
 *   bytes (each cell is a Yjs map with a text and an array; each output a stored value). The largest
 *   public notebooks have a few thousand cells; Jupyter merges consecutive stream outputs, so even
 *   a cell that prints in a loop has one, and a cell that displays in a loop rarely a few hundred.
 *
 * Depth is checked on the text, before it is parsed; counts right after, before the schema and the
 * conversion run. Both stop at the first problem and name its JSON path.
 */
/** Levels of arrays and objects a notebook file may nest, the notebook itself being level 1. */
export const MAX_NOTEBOOK_DEPTH = 100;
/** Cells a notebook file may have. */
export const MAX_NOTEBOOK_CELLS = 10_000;
/** Outputs one cell may have. */
export const MAX_CELL_OUTPUTS = 5_000;

/** A limit a file breaks: where (a JSON path, as zod reports one) and what. */
export interface LimitProblem {
  path: PropertyKey[];
  message: string;
}

// A path 100 levels deep through keys of any length would make a message as large as the file:
// long keys are cut, and the middle of a long path is elided.
const PATH_HEAD = 8;
const PATH_TAIL = 3;
const KEY_CHARS = 40;

function shortPath(path: PropertyKey[]): PropertyKey[] {
  const cut = path.map((key) => (typeof key === "string" && key.length > KEY_CHARS ? `${key.slice(0, KEY_CHARS)}…` : key));
  if (cut.length <= PATH_HEAD + PATH_TAIL + 1) return cut;
  return [...cut.slice(0, PATH_HEAD), `…${cut.length - PATH_HEAD - PATH_TAIL} more…`, ...cut.slice(-PATH_TAIL)];
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/**
 * The index of the quote that closes the string opening at `start` (text.length if none). indexOf
 * jumps through long strings (sources, base64 images) far faster than a loop over their characters.
 */
function stringEnd(text: string, start: number): number {
  for (let at = start + 1; ; at += 1) {
    at = text.indexOf('"', at);
    if (at < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return at;
  }
}

/**
 * The first array or object in JSON `text` nested deeper than `limit` (the outermost value being
 * level 1), with its path, or null. It reads the text, not a parsed value, because JSON.parse
 * itself slows down with depth (about a second per million levels, and a 10 MB file holds five
 * million): the check has to come first. One pass, no recursion, and no allocation per value: for
 * each open array or object, typed arrays hold where its current child is (an index, or the span of
 * a key's text). Text that is not JSON gives an answer of no meaning; JSON.parse then says what is
 * wrong with it.
 */
export function findTooDeep(text: string, limit: number = MAX_NOTEBOOK_DEPTH): LimitProblem | null {
  const isArray = new Uint8Array(limit);
  const index = new Float64Array(limit);
  const keyStart = new Float64Array(limit);
  const keyEnd = new Float64Array(limit);
  const expectKey = new Uint8Array(limit);
  let depth = 0;
  for (let at = 0; at < text.length; at += 1) {
    const c = text.charCodeAt(at);
    const top = depth - 1;
    if (c === QUOTE) {
      const end = stringEnd(text, at);
      if (top >= 0 && expectKey[top]) {
        keyStart[top] = at;
        keyEnd[top] = end + 1;
        expectKey[top] = 0;
      }
      at = end;
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (depth >= limit) {
        const path = Array.from({ length: depth }, (_, level): PropertyKey =>
          isArray[level] ? index[level]! : decodeKey(text.slice(keyStart[level]!, keyEnd[level]!)),
        );
        return { path: shortPath(path), message: `nested deeper than ${limit} levels` };
      }
      isArray[depth] = c === OPEN_ARRAY ? 1 : 0;
      index[depth] = 0;
      expectKey[depth] = c === OPEN_OBJECT ? 1 : 0;
      depth += 1;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      depth = Math.max(0, depth - 1);
    } else if (c === COMMA && top >= 0) {
      if (isArray[top]) index[top]! += 1;
      else expectKey[top] = 1;
    }
  }
  return null;
}

function decodeKey(quoted: string): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted.slice(1, -1);
  }
}

/** Too many cells, or too many outputs in a cell, in a parsed value shaped like a notebook (or null). */
export function findTooMany(value: unknown): LimitProblem | null {
  const cells = typeof value === "object" && value !== null ? (value as { cells?: unknown }).cells : undefined;
  if (!Array.isArray(cells)) return null;
  if (cells.length > MAX_NOTEBOOK_CELLS) {
    return { path: ["cells"], message: `has ${cells.length} cells; a notebook may have at most ${MAX_NOTEBOOK_CELLS}` };
  }
  for (const [index, cell] of cells.entries()) {
    const outputs = typeof cell === "object" && cell !== null ? (cell as { outputs?: unknown }).outputs : undefined;
    if (Array.isArray(outputs) && outputs.length > MAX_CELL_OUTPUTS) {
      return {
        path: ["cells", index, "outputs"],
        message: `has ${outputs.length} outputs; a cell may have at most ${MAX_CELL_OUTPUTS}`,
      };
    }
  }
  return null;
}

