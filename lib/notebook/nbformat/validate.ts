/**
 * Parsing and validating .ipynb text, with messages a person can act on: every problem names the
 * JSON path (cells[3].outputs[0].output_type) and, for JSON syntax errors, the line and column.
 */
import { parse as parseJsonc, printParseErrorCode, type ParseError } from "jsonc-parser";
import { fail, ok, type Result } from "../../util/result";
import { findTooDeep, findTooMany, type LimitProblem } from "./limits";
import { lenientNotebook, strictNotebook, type LenientNotebook, type StrictNotebook } from "./schema";
import { repairNotebook } from "./repair";
import { isV3, upgradeV3 } from "./upgrade-v3";

export type NotebookProblemCode = "invalid_json" | "not_nbformat4" | "invalid_notebook";

/** What describeIssues reads of a zod error (full zod's, zod/mini's or one re-rooted by the caller). */
export interface Issues {
  readonly issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[];
}

/** Formats zod issues as `path: message` lines, at most `limit` of them. */

export function describeIssues(error: Issues, limit = 8): string {
  const lines = error.issues.slice(0, limit).map((issue) => {
    const path = issue.path.reduce<string>(
      (acc, key) => (typeof key === "number" ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
      "",
    );
    return `${path || "(notebook)"}: ${issue.message}`;
  });
  const more = error.issues.length - limit;
  if (more > 0) lines.push(`... and ${more} more problem${more === 1 ? "" : "s"}`);
  return lines.join("\n");
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split("\n").length;
  const column = position - before.lastIndexOf("\n");
  return `line ${line}, column ${column}`;
}

/** Parses JSON text, reporting the line and column of the first syntax error. */
export function parseJson(text: string): Result<unknown, "invalid_json"> {
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (error) {
    // V8's messages rarely say where; a second, error-collecting parse finds the spot. That parser
    // recurses once per level, so text nested thousands deep overflows it: then V8's message it is.
    // (The .ipynb parsers below refuse such text before this; other callers may not.)
    const errors: ParseError[] = [];
    try {
      parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    } catch (overflow) {
      if (!(overflow instanceof RangeError)) throw overflow;
    }
    const first = errors[0];
    const message = error instanceof Error ? error.message : String(error);
    if (!first) return fail("invalid_json", `not valid JSON: ${message}`);
    return fail("invalid_json", `not valid JSON (${lineAndColumn(text, first.offset)}): ${printParseErrorCode(first.error)}`);
  }
}

function checkMajor(value: unknown): Result<null, NotebookProblemCode> {
  const major = typeof value === "object" && value !== null ? (value as { nbformat?: unknown }).nbformat : undefined;
  if (major !== 4) {
    return fail("not_nbformat4", `not an nbformat 4 notebook (nbformat is ${JSON.stringify(major)})`);
  }
  return ok(null);
}

function uniqueIds(cells: ReadonlyArray<{ id?: string | undefined }>): string | null {
  const seen = new Set<string>();
  for (const [index, cell] of cells.entries()) {
    if (cell.id === undefined) continue;
    if (seen.has(cell.id)) return `cells[${index}].id: "${cell.id}" is used by an earlier cell`;
    seen.add(cell.id);
  }
  return null;
}

/** Validates against nbformat 4.5 exactly (what Tandem ships and exports), plus unique cell ids. */
export function validateStrict(value: unknown): Result<StrictNotebook, NotebookProblemCode> {
  const major = checkMajor(value);
  if (!major.ok) return major;
  const parsed = strictNotebook.safeParse(value);
  if (!parsed.success) return fail("invalid_notebook", describeIssues(parsed.error));
  const duplicate = uniqueIds(parsed.data.cells);
  if (duplicate) return fail("invalid_notebook", duplicate);
  return ok(parsed.data);
}

/** Validates what an import accepts: any nbformat 4.x; ids may be missing or repeated (they are repaired). */
export function validateLenient(value: unknown): Result<LenientNotebook, NotebookProblemCode> {
  const major = checkMajor(value);
  if (!major.ok) return major;
  const parsed = lenientNotebook.safeParse(value);
  if (!parsed.success) return fail("invalid_notebook", describeIssues(parsed.error));
  return ok(parsed.data);
}

const overLimit = (problem: LimitProblem) => fail("invalid_notebook", describeIssues({ issues: [problem] }));

/**
 * Parses .ipynb text within the limits (limits.ts): depth before parsing (JSON.parse slows down
 * with it), counts before anything that scales with them (the schema, the conversion) sees the value.
 */
function parseWithinLimits(text: string): Result<unknown, NotebookProblemCode> {
  const deep = findTooDeep(text);
  if (deep) return overLimit(deep);
  const json = parseJson(text);
  if (!json.ok) return json;
  const many = findTooMany(json.value);
  return many ? overLimit(many) : json;
}

/** Parses .ipynb text and validates it strictly. */
export function parseStrictIpynb(text: string): Result<StrictNotebook, NotebookProblemCode> {
  const json = parseWithinLimits(text);
  return json.ok ? validateStrict(json.value) : json;
}

/** Parses .ipynb text and validates it as an import. */
export function parseLenientIpynb(text: string): Result<LenientNotebook, NotebookProblemCode> {
  const json = parseWithinLimits(text);
  return json.ok ? validateLenient(json.value) : json;
}

/** An imported file as read (repaired, upgraded), and what reading it changed, one line per change. */
export interface ImportedIpynb {
  notebook: LenientNotebook;
  notes: string[];
}

/**
 * Reads an uploaded .ipynb the way Jupyter reads one (repair.ts): a UTF-8 byte-order mark is
 * skipped, nbformat 2 and 3 are upgraded, and what nbformat would only warn about is repaired and
 * listed in `notes`. Refused, with the JSON path: text that is not JSON, a notebook of another
 * major version, over the limits, or what cannot be repaired (cells that are not a list).
 */
export function readImportedIpynb(text: string): Result<ImportedIpynb, NotebookProblemCode> {
  const json = parseWithinLimits(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (!json.ok) return json;
  const notes: string[] = [];
  let value = json.value;
  if (isV3(value)) {
    notes.push(`(notebook): converted from nbformat ${String(value.nbformat)} to 4, as Jupyter converts it`);
    value = upgradeV3(value);
    const many = findTooMany(value);
    if (many) return overLimit(many);
  }
  const version = typeof value === "object" && value !== null ? (value as { nbformat?: unknown }).nbformat : undefined;
  if (version === 2 || version === 3) return fail("not_nbformat4", `worksheets: an nbformat ${version} notebook keeps its cells in worksheets, and this one has none`);
  const major = checkMajor(value);
  if (!major.ok) return major;
  const repaired = repairNotebook(value as Record<string, unknown>);
  const parsed = lenientNotebook.safeParse(repaired.value);
  if (!parsed.success) return fail("invalid_notebook", describeIssues(parsed.error));
  return ok({ notebook: parsed.data, notes: [...notes, ...repaired.notes] });
}
