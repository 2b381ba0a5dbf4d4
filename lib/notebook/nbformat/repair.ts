/**
 * What Jupyter reads, read here too. `nbformat.read(..., as_version=4)` opens nearly every file
 * that is JSON and says it is a notebook: it converts nbformat 2 and 3, and it only logs what its
 * schema refuses. An import repairs what it can in the same spirit, and says what it changed, so a
 * person learns what their file lost instead of being refused:
 *
 * - nbformat 2 and 3 are upgraded (upgrade-v3.ts); a missing `nbformat_minor` is read as 0;
 * - a heading or html cell (older formats) becomes markdown; a cell of a type no version knows is
 *   kept as a raw cell with its text;
 * - keys a cell or output of its type does not have (`outputs` on a markdown cell, a future
 *   minor's additions) are dropped, as are metadata fields of the wrong type and bundle values
 *   that are not text; a missing field gets its empty value (source "", outputs [], ...);
 * - a cell id with characters nbformat does not allow is replaced (convert.ts derives ids).
 *
 * What cannot be repaired without guessing (cells that are not a list, a source that is not text)
 * is still refused, by the schema (schema.ts), with its JSON path. The changes are returned as
 * lines of text, each naming the path it changed.
 */
import { cellIdSchema, multilineString } from "./schema";
import { headingMarkdown } from "./upgrade-v3";

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const isJsonMime = (mime: string) => mime === "application/json" || (mime.startsWith("application/") && mime.endsWith("+json"));
const isText = (value: unknown) => multilineString.safeParse(value).success;

/** The keys each cell type has in nbformat 4.5. */
const CELL_KEYS: Record<string, readonly string[]> = {
  code: ["id", "cell_type", "metadata", "source", "outputs", "execution_count"],
  markdown: ["id", "cell_type", "metadata", "source", "attachments"],
  raw: ["id", "cell_type", "metadata", "source", "attachments"],
};
/** The keys each known output type has, and the empty value of each. */
const OUTPUT_FIELDS: Record<string, Readonly<Record<string, () => unknown>>> = {
  stream: { output_type: () => "stream", name: () => "stdout", text: () => "" },
  display_data: { output_type: () => "display_data", data: () => ({}), metadata: () => ({}) },
  execute_result: { output_type: () => "execute_result", execution_count: () => null, data: () => ({}), metadata: () => ({}) },
  error: { output_type: () => "error", ename: () => "", evalue: () => "", traceback: () => [] },
};

/** Checks of the metadata fields nbformat's schema gives a type (others are free). */
type Checks = Readonly<Record<string, (value: unknown) => boolean>>;
const isString = (v: unknown) => typeof v === "string";
const NOTEBOOK_METADATA: Checks = {
  kernelspec: (v) => isObject(v) && isString(v.name) && isString(v.display_name),
  language_info: (v) => isObject(v) && isString(v.name),
  orig_nbformat: (v) => Number.isInteger(v) && (v as number) >= 1,
  title: isString,
  authors: Array.isArray,
};
const CELL_METADATA: Checks = {
  name: (v) => isString(v) && (v as string).length > 0 && !/[\r\n]/.test(v as string),
  tags: (v) => Array.isArray(v) && v.every((t) => isString(t) && !(t as string).includes(",")) && new Set(v).size === v.length,
  jupyter: isObject,
};
const CODE_METADATA: Checks = {
  ...CELL_METADATA,
  execution: (v) => isObject(v) && Object.values(v).every(isString),
  collapsed: (v) => typeof v === "boolean",
  scrolled: (v) => typeof v === "boolean" || v === "auto",
};
const RAW_METADATA: Checks = { ...CELL_METADATA, format: isString };

const pathText = (path: readonly (string | number)[]) => path.reduce<string>((acc, key) => (typeof key === "number" ? `${acc}[${key}]` : acc ? `${acc}.${key}` : key), "");

class Repairs {
  readonly notes: string[] = [];
  note(path: readonly (string | number)[], what: string): void {
    this.notes.push(`${pathText(path) || "(notebook)"}: ${what}`);
  }
}

function metadataOf(value: unknown, checks: Checks, path: (string | number)[], repairs: Repairs): Json {
  if (value === undefined) return {};
  if (!isObject(value)) {
    repairs.note(path, "was not an object: replaced with {}");
    return {};
  }
  const out: Json = { ...value };
  for (const [key, valid] of Object.entries(checks)) {
    if (key in out && !valid(out[key])) {
      repairs.note([...path, key], `${JSON.stringify(out[key])?.slice(0, 60)} is not what nbformat allows here: dropped`);
      delete out[key];
    }
  }
  return out;
}

function bundleOf(value: unknown, path: (string | number)[], repairs: Repairs): Json {
  if (!isObject(value)) {
    if (value !== undefined) repairs.note(path, "was not an object: replaced with {}");
    return {};
  }
  const out: Json = {};
  for (const [mime, data] of Object.entries(value)) {
    if (isJsonMime(mime) || isText(data)) out[mime] = data;
    else repairs.note([...path, mime], "is neither text nor a list of lines: dropped");
  }
  return out;
}

function repairOutput(output: unknown, path: (string | number)[], repairs: Repairs): unknown {
  if (!isObject(output) || typeof output.output_type !== "string") {
    repairs.note(path, "is not an output (no output_type): dropped");
    return undefined;
  }
  const fields = OUTPUT_FIELDS[output.output_type];
  if (!fields) return output; // a future output type: kept verbatim, as nbformat asks of readers
  const out: Json = {};
  for (const [key, empty] of Object.entries(fields)) out[key] = key in output ? output[key] : empty();
  const extra = Object.keys(output).filter((key) => !(key in fields));
  if (extra.length > 0) repairs.note(path, `${extra.map((k) => JSON.stringify(k)).join(", ")} ${extra.length === 1 ? "is" : "are"} not part of a ${output.output_type} output: dropped`);
  if ("data" in fields) {
    out.data = bundleOf(out.data, [...path, "data"], repairs);
    if (!isObject(out.metadata)) {
      repairs.note([...path, "metadata"], "was not an object: replaced with {}");
      out.metadata = {};
    }
  }
  if ("execution_count" in fields && out.execution_count !== null && !(Number.isInteger(out.execution_count) && (out.execution_count as number) >= 0)) {
    repairs.note([...path, "execution_count"], `${JSON.stringify(out.execution_count)} is not a count: read as null`);
    out.execution_count = null;
  }
  return out;
}

function repairCell(cell: unknown, path: (string | number)[], repairs: Repairs): unknown {
  if (!isObject(cell)) return cell; // refused by the schema, with its path
  let type = cell.cell_type;
  let source = cell.source;
  if (type === "heading" || type === "html") {
    repairs.note(path, `a ${String(type)} cell (an older format's): made a markdown cell`);
    const text = Array.isArray(source) ? source.join("") : typeof source === "string" ? source : "";
    source = type === "heading" ? headingMarkdown(cell.level, text) : text;
    type = "markdown";
  } else if (typeof type !== "string" || !(type in CELL_KEYS)) {
    repairs.note(path, `a cell of type ${JSON.stringify(type)}, which no nbformat version knows: kept as a raw cell with its text`);
    type = "raw";
    if (!isText(source)) source = "";
  }
  const keys = CELL_KEYS[type as string]!;
  const extra = Object.keys(cell).filter((key) => !keys.includes(key) && !(key === "level" && cell.cell_type === "heading"));
  if (extra.length > 0) {
    repairs.note(path, `${extra.map((k) => JSON.stringify(k)).join(", ")} ${extra.length === 1 ? "is" : "are"} not part of a ${type} cell: dropped`);
  }
  if (source === undefined) {
    repairs.note(path, "had no source: read as empty");
    source = "";
  }
  const checks = type === "code" ? CODE_METADATA : type === "raw" ? RAW_METADATA : CELL_METADATA;
  const out: Json = { cell_type: type, metadata: metadataOf(cell.metadata, checks, [...path, "metadata"], repairs), source };
  if (cell.id !== undefined) {
    if (cellIdSchema.safeParse(cell.id).success) out.id = cell.id;
    else repairs.note([...path, "id"], `${JSON.stringify(cell.id)} is not a cell id nbformat allows (1-64 of a-z A-Z 0-9 - _): replaced`);
  }
  if (type === "code") {
    const outputs = cell.outputs;
    if (outputs !== undefined && !Array.isArray(outputs)) repairs.note([...path, "outputs"], "was not a list: read as no outputs");
    out.outputs = (Array.isArray(outputs) ? outputs : []).map((o, j) => repairOutput(o, [...path, "outputs", j], repairs)).filter((o) => o !== undefined);
    const count = cell.execution_count;
    out.execution_count = count === undefined || count === null || (Number.isInteger(count) && (count as number) >= 0) ? (count ?? null) : null;
    if (out.execution_count === null && count !== undefined && count !== null) repairs.note([...path, "execution_count"], `${JSON.stringify(count)} is not a count: read as null`);
  } else if (cell.attachments !== undefined) {
    if (isObject(cell.attachments)) {
      const attachments: Json = {};
      for (const [name, bundle] of Object.entries(cell.attachments)) attachments[name] = bundleOf(bundle, [...path, "attachments", name], repairs);
      out.attachments = attachments;
    } else {
      repairs.note([...path, "attachments"], "was not an object: dropped");
    }
  }
  return out;
}

/** The notebook keys nbformat 4 has. */
const NOTEBOOK_KEYS = ["metadata", "nbformat", "nbformat_minor", "cells"];

/**
 * An nbformat 4 notebook (parsed JSON) repaired as described above, with what was changed. Input
 * that is not an object with a list of cells is returned as it is, for the schema to refuse.
 */
export function repairNotebook(nb: Json): { value: Json; notes: string[] } {
  const repairs = new Repairs();
  const out: Json = { ...nb };
  const extra = Object.keys(nb).filter((key) => !NOTEBOOK_KEYS.includes(key));
  for (const key of extra) delete out[key];
  if (extra.length > 0) repairs.note([], `${extra.map((k) => JSON.stringify(k)).join(", ")} ${extra.length === 1 ? "is" : "are"} not part of nbformat 4: dropped`);
  if (nb.nbformat_minor === undefined) {
    repairs.note(["nbformat_minor"], "was missing: read as 0");
    out.nbformat_minor = 0;
  }
  out.metadata = metadataOf(nb.metadata, NOTEBOOK_METADATA, ["metadata"], repairs);
  if (Array.isArray(nb.cells)) out.cells = nb.cells.map((cell, i) => repairCell(cell, ["cells", i], repairs));
  return { value: out, notes: repairs.notes };
}
