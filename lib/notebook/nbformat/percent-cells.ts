/**
 * jupytext's cell metadata on a `# %%` line and its blank-line rules, ported from jupytext 1.19
 * (MIT: cell_metadata.py, metadata_filter.py, pep8.py): `key=<json>` pairs, which metadata a
 * script leaves out, when a cell is active in a format, and how many blank lines PEP 8 wants
 * between two cells of a .py file.
 */
import type { JsonObject, JsonValue } from "../../util/json";
import { StringParser } from "./script-languages";

/** Python's `json.dumps(value)`: ", " and ": " separators, non-ASCII as \uXXXX. */
export function pythonJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(", ")}]`;
  if (value !== null && typeof value === "object") return `{${Object.entries(value).map(([k, v]) => `${pythonJson(k)}: ${pythonJson(v)}`).join(", ")}}`;
  if (typeof value === "string") return JSON.stringify(value).replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return JSON.stringify(value);
}

/** Cell metadata jupytext keeps in the .ipynb only (its _IGNORE_CELL_METADATA), plus Tandem's run provenance. */
const IGNORED = new Set(["autoscroll", "collapsed", "scrolled", "trusted", "execution", "ExecuteTime", "skipline", "noskipline", "cell_marker", "lines_to_next_cell", "lines_to_end_of_cell_marker", "tandem"]);
const JUPYTEXT_CELL_METADATA = new Set(["skipline", "noskipline", "cell_marker", "lines_to_next_cell", "lines_to_end_of_cell_marker"]);
const VALID_KEY = /^[a-zA-Z0-9_.@/-]+$/;

/** filter_metadata(cell.metadata, None, _IGNORE_CELL_METADATA): what a `# %%` line carries. */
export function filterCellMetadata(metadata: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(metadata).filter(([k]) => !IGNORED.has(k) && VALID_KEY.test(k)));
}

/** metadata_to_text(language_or_title, metadata) with plain_json=False. */
export function metadataToText(title: string, metadata: JsonObject): string {
  const text = title ? [title] : [];
  for (const [key, value] of Object.entries(metadata)) {
    if (JUPYTEXT_CELL_METADATA.has(key)) continue;
    if (key === "incorrectly_encoded_metadata") text.push(String(value));
    else if (value === null) text.push(key);
    else text.push(`${key}=${pythonJson(value)}`);
  }
  return text.join(" ");
}

/** is_active(ext, metadata, default) */
export function isActive(ext: string, metadata: JsonObject, fallback = true): boolean {
  const runControl = metadata.run_control;
  if (runControl && typeof runControl === "object" && !Array.isArray(runControl) && runControl.frozen === true) return ext === ".ipynb";
  const tags = Array.isArray(metadata.tags) ? metadata.tags : [];
  for (const tag of tags) if (typeof tag === "string" && tag.startsWith("active-")) return tag.split("-").includes(ext.replace(".", ""));
  if (!("active" in metadata)) return fallback;
  return String(metadata.active).split(/\.|,/).includes(ext.replace(".", ""));
}

function incorrectlyEncoded(text: string): JsonObject {
  return { incorrectly_encoded_metadata: text };
}

/** relax_json_loads: JSON, else the Python literals jupytext also accepts (True, None, 'x'). */
function relaxJson(text: string): JsonValue {
  const t = text.trim();
  try {
    return JSON.parse(t) as JsonValue;
  } catch {
    const py = t.replace(/\bTrue\b/g, "true").replace(/\bFalse\b/g, "false").replace(/\bNone\b/g, "null");
    const quoted = /^'([^'\\]*)'$/.exec(py);
    if (quoted) return quoted[1]!;
    return JSON.parse(py) as JsonValue; // throws: the caller tries a longer value
  }
}

/** parse_key_equal_value: "a=1 b" -> { a: 1, b: null } */
function parseKeyEqualValue(input: string): JsonObject {
  const text = input.trim();
  if (!text) return {};
  const lastSpace = text.lastIndexOf(" ");
  const last = text.slice(lastSpace + 1);
  if (!text.startsWith("--") && /^[a-zA-Z_.]+[a-zA-Z0-9_.]*$/.test(last)) {
    const result: JsonObject = lastSpace > 0 ? parseKeyEqualValue(text.slice(0, lastSpace)) : {};
    result[last] = null;
    return result;
  }
  let equal = text.length;
  for (;;) {
    equal = equal <= 0 ? -1 : text.lastIndexOf("=", equal - 1);
    if (equal < 0) return incorrectlyEncoded(text);
    const prevSpace = text.slice(0, equal).trimEnd().lastIndexOf(" ");
    const key = text.slice(prevSpace + 1, equal).trim();
    if (!VALID_KEY.test(key)) continue;
    let value: JsonValue;
    try {
      value = relaxJson(text.slice(equal + 1));
    } catch {
      continue;
    }
    const metadata = prevSpace > 0 ? parseKeyEqualValue(text.slice(0, prevSpace)) : {};
    metadata[key] = value;
    return metadata;
  }
}

/** text_to_metadata(text, allow_title=True): the title before the options, and the options. */
export function textToMetadata(input: string): { title: string; metadata: JsonObject } {
  const text = input.trim();
  const curly = text.indexOf("{");
  const equal = text.indexOf("=");
  if (curly < 0 || (equal >= 0 && equal < curly)) {
    let words: string[];
    if (equal >= 0) {
      words = text.slice(0, equal).split(" ");
      while (words.length && !words[words.length - 1]) words.pop();
      if (words.length) words.pop();
    } else words = text.split(" ");
    while (words.length && (!words[words.length - 1]!.trim() || words[words.length - 1]!.startsWith("."))) words.pop();
    const title = words.join(" ");
    return { title, metadata: parseKeyEqualValue(text.slice(title.length)) };
  }
  let metadata: JsonObject;
  try {
    const parsed = relaxJson(text.slice(curly));
    metadata = parsed && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : incorrectlyEncoded(text.slice(curly));
  } catch {
    metadata = incorrectlyEncoded(text.slice(curly));
  }
  return { title: text.slice(0, curly).trim(), metadata };
}

// pep8.py
function nextInstructionIsFunctionOrClass(lines: readonly string[]): boolean {
  const parser = new StringParser("python");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (parser.isQuoted()) {
      parser.readLine(line);
      continue;
    }
    parser.readLine(line);
    if (!line.trim()) {
      if (i > 0 && !lines[i - 1]!.trim()) return false;
      continue;
    }
    if (line.startsWith("def ") || line.startsWith("async ") || line.startsWith("class ")) return true;
    if (/^[#@ )]/.test(line)) continue;
    return false;
  }
  return false;
}

function cellEndsWithFunctionOrClass(input: readonly string[]): boolean {
  const nonQuoted: string[] = [];
  const parser = new StringParser("python");
  for (const line of input) {
    if (!parser.isQuoted()) nonQuoted.push(line);
    parser.readLine(line);
  }
  const lines = nonQuoted.reverse();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim()) {
      if (i > 0 && !lines[i - 1]!.trim()) return false;
      continue;
    }
    if (/^[# )]/.test(line)) continue;
    if (line.startsWith("def ") || line.startsWith("async ") || line.startsWith("class ")) return true;
    return false;
  }
  return false;
}

function cellEndsWithCode(lines: readonly string[]): boolean {
  const last = lines[lines.length - 1];
  return last !== undefined && last.trim() !== "" && !last.startsWith("#");
}

function cellHasCode(lines: readonly string[]): boolean {
  for (let i = 0; i < lines.length; i++) {
    const stripped = lines[i]!.trim();
    if (stripped.startsWith("#")) continue;
    if (!stripped) {
      if (i > 0 && !lines[i - 1]!.trim()) return false;
      continue;
    }
    return true;
  }
  return false;
}

/** pep8_lines_between_cells: blank lines between two cells (2 around a def or class in a .py). */
export function pep8LinesBetweenCells(prev: readonly string[], next: readonly string[], ext: string): number {
  if (next.length === 0) return 1;
  if (prev.length === 0) return 0;
  if (ext !== ".py") return 1;
  if (cellEndsWithFunctionOrClass(prev)) return cellHasCode(next) ? 2 : 1;
  if (cellEndsWithCode(prev) && nextInstructionIsFunctionOrClass(next)) return 2;
  return 1;
}
