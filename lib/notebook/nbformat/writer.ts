/**
 * The text of an .ipynb file, byte for byte as Jupyter's own writer makes it (nbformat's
 * `nbformat.write`: v4/nbjson.py and rwbase.py): transient keys stripped (the notebook's
 * `orig_nbformat`, `orig_nbformat_minor` and `signature`, each cell's `trusted`), then
 * `json.dumps(nb, sort_keys=True, indent=1, separators=(",", ": "), ensure_ascii=False)` and a
 * final newline. So a notebook that Jupyter wrote, imported and exported untouched, differs from
 * the file only where Tandem's format version requires (cell ids, nbformat_minor 5), and git shows
 * no change when JupyterLab saves it again. The multiline rules (which strings become lists of
 * lines) are applied before this, by convert.ts with lines.ts.
 *
 * Numbers: JSON's parser keeps no difference between 1 and 1.0, so a float with an integral value
 * is written as an integer ("1", where Python would write "1.0"); others are written as Python's
 * repr writes them ("1e-05", "1.5e+16").
 */
import type { JsonValue } from "../../util/json";
import type { IpynbNotebook } from "./convert";

/** Python's float repr: fixed notation for exponents -4 to 15, else "<digits>e<sign><2+ digits>". */
function pythonNumber(value: number): string {
  if (Number.isSafeInteger(value)) return String(value);
  const [mantissa, exponentText] = value.toExponential().split("e") as [string, string];
  const exponent = Number(exponentText);
  if (exponent >= -4 && exponent < 16) {
    const fixed = String(value);
    return fixed.includes(".") || fixed.includes("e") ? fixed : `${fixed}.0`;
  }
  const magnitude = String(Math.abs(exponent)).padStart(2, "0");
  return `${mantissa}e${exponent < 0 ? "-" : "+"}${magnitude}`;
}

/** Python's sort of str keys: by code point (JS's default sort compares UTF-16 units). */
function byCodePoint(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

function write(value: JsonValue, indent: string, out: string[]): void {
  if (value === null || typeof value === "boolean") {
    out.push(String(value));
  } else if (typeof value === "number") {
    out.push(pythonNumber(value));
  } else if (typeof value === "string") {
    out.push(JSON.stringify(value));
  } else if (Array.isArray(value)) {
    if (value.length === 0) return void out.push("[]");
    const inner = `${indent} `;
    out.push("[");
    value.forEach((item, i) => {
      out.push(i === 0 ? `\n${inner}` : `,\n${inner}`);
      write(item, inner, out);
    });
    out.push(`\n${indent}]`);
  } else {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort(byCodePoint);
    if (keys.length === 0) return void out.push("{}");
    const inner = `${indent} `;
    out.push("{");
    keys.forEach((key, i) => {
      out.push(`${i === 0 ? "\n" : ",\n"}${inner}${JSON.stringify(key)}: `);
      write(value[key]!, inner, out);
    });
    out.push(`\n${indent}}`);
  }
}

/** Any JSON value as nbformat's writer lays it out (sorted keys, one-space indent), without the final newline. */
export function jupyterJson(value: JsonValue): string {
  const out: string[] = [];
  write(value, "", out);
  return out.join("");
}

/** The notebook's file text: transient keys stripped, Jupyter's layout, a final newline. */
export function ipynbText(nb: IpynbNotebook): string {
  const { orig_nbformat: _a, orig_nbformat_minor: _b, signature: _c, ...metadata } = nb.metadata;
  const cells = nb.cells.map((cell) => {
    if (!("trusted" in cell.metadata)) return cell;
    const { trusted: _t, ...kept } = cell.metadata;
    return { ...cell, metadata: kept };
  });
  return `${jupyterJson({ ...nb, metadata, cells } as unknown as JsonValue)}\n`;
}
