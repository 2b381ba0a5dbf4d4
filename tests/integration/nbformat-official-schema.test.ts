/**
 * Cross-checks Tandem's own nbformat validation against the official nbformat 4.5 JSON schema
 * (shared/reference, from the jupyter/nbformat project): on every shipped notebook, on exports, and
 * on a set of broken notebooks, both must agree.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import Ajv from "ajv-draft-04";
import { describe, expect, it } from "vitest";
import { documentFromIpynb, ipynbFromDocument } from "@/lib/notebook/nbformat/convert";
import { validateLenient, validateStrict } from "@/lib/notebook/nbformat/validate";

const root = resolve(import.meta.dirname, "../..");
const schemaPath = resolve(root, "../shared/reference/nbformat.v4.5.schema.json");
const official = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(schemaPath, "utf8")));

const notebooksDir = join(root, "notebooks");
const seeds = readdirSync(notebooksDir).filter((f) => f.endsWith(".ipynb"));

type Nb = {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: Array<Record<string, unknown> & { outputs?: Array<Record<string, unknown>> }>;
  [key: string]: unknown;
};

const good: Nb = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { kernelspec: { name: "python3", display_name: "Python 3" } },
  cells: [
    { id: "a", cell_type: "markdown", metadata: {}, source: ["# Title\n", "text"] },
    {
      id: "b",
      cell_type: "code",
      metadata: { tags: ["x"] },
      source: "print(1)",
      execution_count: 1,
      outputs: [
        { output_type: "stream", name: "stdout", text: ["1\n"] },
        { output_type: "execute_result", execution_count: 1, data: { "text/plain": "1" }, metadata: {} },
        { output_type: "display_data", data: { "application/vnd.custom+json": { any: [1] } }, metadata: {} },
        { output_type: "error", ename: "E", evalue: "v", traceback: [] },
      ],
    },
  ],
};

function mutate(fn: (nb: Nb) => void): Nb {
  const nb = structuredClone(good);
  fn(nb);
  return nb;
}

const code = (nb: Nb) => nb.cells[1]!;
const broken: Record<string, Nb> = {
  "minor below 5": mutate((nb) => (nb.nbformat_minor = 4)),
  "unknown top-level key": mutate((nb) => (nb.extra = 1)),
  "cell id with a space": mutate((nb) => (nb.cells[0]!.id = "a b")),
  "cell id too long": mutate((nb) => (nb.cells[0]!.id = "x".repeat(65))),
  "missing execution_count": mutate((nb) => delete code(nb).execution_count),
  "negative execution_count": mutate((nb) => (code(nb).execution_count = -1)),
  "stream without text": mutate((nb) => delete code(nb).outputs![0]!.text),
  "number in a text mime": mutate((nb) => (code(nb).outputs![1]!.data = { "text/plain": 5 })),
  "outputs on a markdown cell": mutate((nb) => (nb.cells[0]!.outputs = [])),
  "tag with a comma": mutate((nb) => (code(nb).metadata = { tags: ["a,b"] })),
  "unknown cell type": mutate((nb) => (nb.cells[0]!.cell_type = "heading")),
  "kernelspec without display_name": mutate((nb) => (nb.metadata.kernelspec = { name: "x" })),
};

describe("Tandem's validation agrees with the official nbformat 4.5 schema", () => {
  it("accepts a notebook using every output type", () => {
    expect(official(good)).toBe(true);
    expect(validateStrict(good).ok).toBe(true);
  });

  for (const [name, nb] of Object.entries(broken)) {
    it(`rejects: ${name}`, () => {
      expect(official(nb)).toBe(false);
      expect(validateStrict(nb).ok).toBe(false);
    });
  }

  it("finds seed notebooks to check", () => {
    expect(seeds.length).toBeGreaterThan(0);
  });

  for (const file of seeds) {
    it(`seed ${file} is valid and its export is valid`, () => {
      const nb = JSON.parse(readFileSync(join(notebooksDir, file), "utf8")) as unknown;
      expect(official(nb), JSON.stringify(official.errors)).toBe(true);
      const strict = validateStrict(nb);
      expect(strict.ok, strict.ok ? "" : strict.message).toBe(true);
      const lenient = validateLenient(nb);
      if (!lenient.ok) throw new Error(lenient.message);
      const exported = ipynbFromDocument(documentFromIpynb(lenient.value));
      expect(official(exported), JSON.stringify(official.errors)).toBe(true);
      expect(validateStrict(exported).ok).toBe(true);
      // The shipped file is already in Jupyter's normalized form: export gives it back unchanged.
      expect(exported).toEqual(nb);
    });
  }
});
