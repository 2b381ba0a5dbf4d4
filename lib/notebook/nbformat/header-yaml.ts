/**
 * The YAML of a jupytext header, both ways. Writing mimics PyYAML's
 * `yaml.safe_dump(value, default_flow_style=False)` (what jupytext calls): keys sorted, block
 * mappings indented by two, lists of a mapping not indented, strings quoted only when they would
 * otherwise read as something else, non-ASCII escaped in double quotes. Long strings are not folded
 * at 80 columns as PyYAML does (both read back the same). Reading takes that subset of YAML: block
 * mappings and lists, plain, quoted and JSON flow scalars; anything else is an error.
 */
import type { JsonValue } from "../../util/json";

const RESERVED = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N|=|<<)$/;
const NUMBER = /^[-+]?(?:\d[\d_]*(?:\.[\d_]*)?(?:[eE][-+]?\d+)?|\.\d[\d_]*(?:[eE][-+]?\d+)?|0b[01_]+|0x[\da-fA-F_]+|\d[\d_]*(?::[0-5]?\d)+(?:\.[\d_]*)?|\.(?:inf|Inf|INF|nan|NaN|NAN))$/;

function escapeDouble(s: string): string {
  let out = "";
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x100) out += `\\x${c.toString(16).toUpperCase().padStart(2, "0")}`;
    else if (c < 0x10000) out += `\\u${c.toString(16).toUpperCase().padStart(4, "0")}`;
    else out += `\\U${c.toString(16).toUpperCase().padStart(8, "0")}`;
  }
  return `"${out}"`;
}

function scalar(value: string | number | boolean | null): string {
  if (value === null) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(value).includes(".") || String(value).includes("e") ? String(value) : `${value}.0`;
  if (/[^\x20-\x7e]/.test(value)) return escapeDouble(value);
  const needsQuotes =
    value === "" ||
    RESERVED.test(value) ||
    NUMBER.test(value) ||
    /^[-?:,[\]{}#&*!|>'"%@`\s]/.test(value) ||
    /\s$/.test(value) ||
    value.includes(": ") ||
    value.includes(" #") ||
    value.endsWith(":");
  if (!needsQuotes) return value;
  return `'${value.replace(/'/g, "''")}'`;
}

function isObject(v: JsonValue): v is { [key: string]: JsonValue } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function block(value: JsonValue, indent: string, out: string[]): void {
  if (isObject(value)) {
    for (const key of Object.keys(value).sort()) {
      const v = value[key]!;
      const k = scalar(key);
      if (isObject(v) && Object.keys(v).length > 0) {
        out.push(`${indent}${k}:`);
        block(v, `${indent}  `, out);
      } else if (Array.isArray(v) && v.length > 0) {
        out.push(`${indent}${k}:`);
        block(v, indent, out);
      } else out.push(`${indent}${k}: ${inline(v)}`);
    }
  } else if (Array.isArray(value)) {
    for (const v of value) {
      if ((isObject(v) && Object.keys(v).length > 0) || (Array.isArray(v) && v.length > 0)) {
        const inner: string[] = [];
        block(v, `${indent}  `, inner);
        out.push(`${indent}- ${inner[0]!.slice(indent.length + 2)}`, ...inner.slice(1));
      } else out.push(`${indent}- ${inline(v)}`);
    }
  } else out.push(`${indent}${inline(value)}`);
}

function inline(v: JsonValue): string {
  if (isObject(v)) return "{}";
  if (Array.isArray(v)) return "[]";
  return scalar(v);
}

/** The lines of `yaml.safe_dump(value, default_flow_style=False)`. */
export function dumpYaml(value: { [key: string]: JsonValue }): string[] {
  const out: string[] = [];
  block(value, "", out);
  return out;
}

function readScalar(text: string): JsonValue {
  const t = text.trim();
  if (t.startsWith("'")) {
    if (!t.endsWith("'") || t.length < 2) throw new Error(`unterminated string ${t}`);
    return t.slice(1, -1).replace(/''/g, "'");
  }
  if (t.startsWith('"')) {
    const body = t.slice(1, -1);
    return body.replace(/\\(x[\da-fA-F]{2}|u[\da-fA-F]{4}|U[\da-fA-F]{8}|.)/g, (_m, e: string) => {
      if (e.length > 1) return String.fromCodePoint(parseInt(e.slice(1), 16));
      return ({ n: "\n", t: "\t", r: "\r", "0": "\0", '"': '"', "\\": "\\", "/": "/", " ": " " } as Record<string, string>)[e] ?? e;
    });
  }
  if (t.startsWith("{") || t.startsWith("[")) return JSON.parse(t) as JsonValue;
  if (/^(?:~|null|Null|NULL|)$/.test(t)) return null;
  if (/^(?:true|True|TRUE)$/.test(t)) return true;
  if (/^(?:false|False|FALSE)$/.test(t)) return false;
  if (/^[-+]?\d+$/.test(t)) return Number(t);
  if (/^[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?$/.test(t)) return Number(t);
  return t.replace(/\s+#.*$/, "");
}

interface Line {
  indent: number;
  text: string;
}

function parseBlock(lines: Line[], start: number, indent: number): [JsonValue, number] {
  const first = lines[start];
  if (!first || first.indent < indent) return [null, start];
  if (first.text.startsWith("- ") || first.text === "-") {
    const list: JsonValue[] = [];
    let i = start;
    while (i < lines.length && lines[i]!.indent === first.indent && (lines[i]!.text.startsWith("- ") || lines[i]!.text === "-")) {
      const rest = lines[i]!.text.slice(2);
      if (/^[^'"{[][^:]*:(\s|$)/.test(rest)) {
        // "- key: value" opens a mapping whose keys sit two columns in.
        const nested: Line[] = [{ indent: first.indent + 2, text: rest }];
        let j = i + 1;
        while (j < lines.length && lines[j]!.indent > first.indent) nested.push(lines[j++]!);
        list.push(parseBlock(nested, 0, first.indent + 2)[0]);
        i = j;
      } else if (rest.trim() === "") {
        const [v, next] = parseBlock(lines, i + 1, first.indent + 1);
        list.push(v);
        i = next;
      } else {
        list.push(readScalar(rest));
        i++;
      }
    }
    return [list, i];
  }
  const map: { [key: string]: JsonValue } = {};
  let i = start;
  while (i < lines.length && lines[i]!.indent === first.indent) {
    const { text } = lines[i]!;
    const m = /^('(?:[^']|'')*'|"(?:[^"\\]|\\.)*"|[^'"][^:]*?)\s*:(?:\s+(.*))?$/.exec(text);
    if (!m) throw new Error(`cannot read "${text}"`);
    const key = String(readScalar(m[1]!));
    if (m[2] !== undefined && m[2].trim() !== "") {
      map[key] = readScalar(m[2]);
      i++;
      continue;
    }
    const next = lines[i + 1];
    if (next && (next.indent > first.indent || (next.indent === first.indent && next.text.startsWith("-")))) {
      const [v, after] = parseBlock(lines, i + 1, next.indent);
      map[key] = v;
      i = after;
    } else {
      map[key] = null;
      i++;
    }
  }
  if (i < lines.length && lines[i]!.indent > indent && lines[i]!.indent !== first.indent && indent === first.indent) throw new Error(`bad indentation at "${lines[i]!.text}"`);
  return [map, i];
}

/** The value of a YAML document in the subset above; throws on anything else. */
export function loadYaml(text: string): JsonValue {
  const lines: Line[] = [];
  for (const raw of text.split("\n")) {
    if (!raw.trim() || raw.trimStart().startsWith("#")) continue;
    if (raw.includes("\t") && /^\s*\t/.test(raw)) throw new Error("tabs in indentation");
    lines.push({ indent: raw.length - raw.trimStart().length, text: raw.trim() });
  }
  if (lines.length === 0) return null;
  const [value, end] = parseBlock(lines, 0, lines[0]!.indent);
  if (end < lines.length) throw new Error(`cannot read "${lines[end]!.text}"`);
  return value;
}
