/**
 * nbformat 3 (and 2, whose layout is the same) to nbformat 4, as nbformat's own upgrade does it
 * (nbformat/v4/convert.py `upgrade`, `upgrade_cell`, `upgrade_output`), so that a file Jupyter
 * opens by converting it opens here too:
 *
 * - the worksheets' cells are flattened into one list; `orig_nbformat` (and its minor) go into the
 *   notebook's metadata, `name` and `signature` leave it;
 * - a code cell's `input` becomes `source`, `prompt_number` `execution_count`, `collapsed` moves
 *   into its metadata and `language` goes;
 * - a heading cell becomes a markdown cell of `#`s and its text on one line; an html cell becomes
 *   markdown;
 * - outputs: `pyout` becomes `execute_result`, `pyerr` `error`, a stream's `stream` its `name`;
 *   a result's short keys (`png`, `text`, `html`...) become mime types under `data`, and a
 *   `json` value held as text is parsed.
 *
 * It works on plain parsed JSON, before any schema: what it cannot read it leaves for the schema
 * to report by path. Cells get no ids here; the import derives them (convert.ts).
 */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
/**
 * A multiline value as one string. nbformat 3 keeps each line's "\n" in its list, as 4 does;
 * nbformat 2 writes lines without it, and its reader joins them with "\n" (v2/rwbase.py).
 */
type Joiner = (value: unknown) => unknown;
const joinerFor = (separator: string): Joiner => (value) => (Array.isArray(value) && value.every((v) => typeof v === "string") ? value.join(separator) : value);

const MIME_MAP: readonly (readonly [string, string])[] = [
  ["text", "text/plain"],
  ["html", "text/html"],
  ["svg", "image/svg+xml"],
  ["png", "image/png"],
  ["jpeg", "image/jpeg"],
  ["latex", "text/latex"],
  ["json", "application/json"],
  ["javascript", "application/javascript"],
];

function toMimeKeys(bundle: Json): Json {
  const out: Json = { ...bundle };
  for (const [alias, mime] of MIME_MAP) {
    if (!(alias in out)) continue;
    out[mime] = out[alias];
    delete out[alias];
  }
  return out;
}

function upgradeOutput(output: unknown, joined: Joiner): unknown {
  if (!isObject(output)) return output;
  const type = output.output_type;
  if (type === "pyout" || type === "display_data") {
    const out: Json = { output_type: type === "pyout" ? "execute_result" : "display_data", metadata: isObject(output.metadata) ? toMimeKeys(output.metadata) : {} };
    if (type === "pyout") out.execution_count = output.prompt_number ?? null;
    const data: Json = {};
    for (const [key, value] of Object.entries(output)) {
      if (key === "output_type" || key === "prompt_number" || key === "metadata" || key === "execution_count") continue;
      data[key] = joined(value);
    }
    const mimed = toMimeKeys(data);
    if (typeof mimed["application/json"] === "string") {
      try {
        mimed["application/json"] = JSON.parse(mimed["application/json"]) as unknown;
      } catch {
        // Left as text: the schema accepts any value under a JSON mime type.
      }
    }
    out.data = mimed;
    return out;
  }
  if (type === "pyerr") return { ...output, output_type: "error" };
  if (type === "stream") {
    const { stream, ...rest } = output;
    return { ...rest, name: stream ?? "stdout", text: joined(output.text) };
  }
  return output;
}

/**
 * A heading cell's markdown, as nbformat's upgrade writes it: `level` #s (1 when it is not a
 * level), a space, and the text's lines joined by spaces (Python's `" ".join(text.splitlines())`).
 */
export function headingMarkdown(level: unknown, text: string): string {
  const hashes = "#".repeat(typeof level === "number" && level >= 1 ? Math.floor(level) : 1);
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === "") lines.pop();
  return `${hashes} ${lines.join(" ")}`;
}

function upgradeCell(cell: unknown, joined: Joiner): unknown {
  if (!isObject(cell)) return cell;
  const metadata: Json = isObject(cell.metadata) ? { ...cell.metadata } : {};
  if (cell.cell_type === "code") {
    const { language: _language, collapsed, input, prompt_number, outputs, ...rest } = cell;
    if (collapsed !== undefined) metadata.collapsed = collapsed;
    return {
      ...rest,
      metadata,
      source: joined(input ?? ""),
      execution_count: prompt_number ?? null,
      outputs: Array.isArray(outputs) ? outputs.map((o) => upgradeOutput(o, joined)) : outputs,
    };
  }
  if (cell.cell_type === "heading") {
    const { level, source, ...rest } = cell;
    return { ...rest, cell_type: "markdown", metadata, source: headingMarkdown(level, String(joined(source ?? ""))) };
  }
  if (cell.cell_type === "html") return { ...cell, cell_type: "markdown", metadata, source: joined(cell.source ?? "") };
  return { ...cell, metadata, source: joined(cell.source ?? "") };
}

/** A v3 (or v2) notebook as v4.0, the way nbformat upgrades it. */
export function upgradeV3(nb: Json): Json {
  const { worksheets, orig_nbformat, orig_nbformat_minor, nbformat: from, nbformat_minor: _minor, ...rest } = nb;
  const metadata: Json = isObject(nb.metadata) ? { ...nb.metadata } : {};
  delete metadata.name;
  delete metadata.signature;
  metadata.orig_nbformat = typeof orig_nbformat === "number" ? orig_nbformat : typeof from === "number" ? from : 3;
  metadata.orig_nbformat_minor = typeof orig_nbformat_minor === "number" ? orig_nbformat_minor : 0;
  const joined = joinerFor(from === 2 ? "\n" : "");
  const cells: unknown[] = [];
  for (const sheet of Array.isArray(worksheets) ? worksheets : []) {
    if (isObject(sheet) && Array.isArray(sheet.cells)) cells.push(...sheet.cells.map((cell) => upgradeCell(cell, joined)));
  }
  return { ...rest, metadata, nbformat: 4, nbformat_minor: 0, cells };
}

/** Whether `value` is an nbformat 2 or 3 notebook that upgradeV3 converts: worksheets of cells. */
export function isV3(value: unknown): value is Json {
  return isObject(value) && (value.nbformat === 3 || value.nbformat === 2) && Array.isArray(value.worksheets);
}
