/**
 * Round trips on real notebooks from a public project: the example notebooks the nteract project
 * publishes on npm (`@nteract/examples`, BSD-3-Clause; read from node_modules, not copied here).
 * They were written by Jupyter and nteract over nbformat 4.0 to 4.4: list-form sources, no cell
 * ids, nteract's own notebook metadata, and outputs of many kinds (Vega-Lite, GeoJSON, VDOM,
 * Plotly, data resources, errors). Each must import, export as nbformat 4.5 that the official
 * schema accepts, keep what it carried, and export the same again after a second import.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import Ajv from "ajv-draft-04";
import { describe, expect, it } from "vitest";
import { documentFromIpynb, ipynbFromDocument } from "@/lib/notebook/nbformat/convert";
import { parseLenientIpynb } from "@/lib/notebook/nbformat/validate";

const root = resolve(import.meta.dirname, "../..");
const examples = dirname(createRequire(join(root, "package.json")).resolve("@nteract/examples/package.json"));
const files = ["python", "node.js", "r"].flatMap((dir) =>
  readdirSync(join(examples, dir))
    .filter((f) => f.endsWith(".ipynb"))
    .map((f) => join(dir, f)),
);
const official = new Ajv({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync(resolve(root, "../shared/reference/nbformat.v4.5.schema.json"), "utf8")),
);

type Cell = { cell_type: string; source: string | string[]; execution_count?: number | null; outputs?: Array<Record<string, unknown>> };
type Notebook = { metadata: Record<string, unknown>; cells: Cell[] };

const text = (source: string | string[]) => (Array.isArray(source) ? source.join("") : source);
/** What each output is: its type and, for rich ones, its MIME types. */
const outputKinds = (cell: Cell) =>
  (cell.outputs ?? []).map((o) => [o.output_type, Object.keys((o.data as Record<string, unknown> | undefined) ?? {}).sort()]);

function roundTrip(source: string) {
  const parsed = parseLenientIpynb(source);
  if (!parsed.ok) throw new Error(parsed.message);
  return ipynbFromDocument(documentFromIpynb(parsed.value));
}

describe("nteract's example notebooks", () => {
  it("are there to test against", () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  for (const file of files) {
    it(`${file}: imports, exports valid nbformat 4.5 with everything kept, and round-trips`, () => {
      const source = readFileSync(join(examples, file), "utf8");
      const original = JSON.parse(source) as Notebook;
      const once = roundTrip(source);

      expect(official(once), JSON.stringify(official.errors?.slice(0, 3))).toBe(true);
      expect(once.nbformat_minor).toBe(5);
      expect(once.metadata).toEqual(original.metadata);
      expect(once.cells.map((c) => c.cell_type)).toEqual(original.cells.map((c) => c.cell_type));
      expect(once.cells.map((c) => text(c.source))).toEqual(original.cells.map((c) => text(c.source)));
      expect(once.cells.map((c) => outputKinds(c as Cell))).toEqual(original.cells.map(outputKinds));
      expect(once.cells.map((c) => (c as Cell).execution_count ?? null)).toEqual(original.cells.map((c) => c.execution_count ?? null));
      expect(new Set(once.cells.map((c) => c.id)).size).toBe(once.cells.length);

      expect(roundTrip(JSON.stringify(once))).toEqual(once);
    });
  }
});
