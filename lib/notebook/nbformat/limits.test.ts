import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { documentFromIpynb, ipynbFromDocument } from "./convert";
import { MAX_CELL_OUTPUTS, MAX_NOTEBOOK_CELLS, MAX_NOTEBOOK_DEPTH } from "./limits";
import { parseLenientIpynb, parseStrictIpynb, validateLenient } from "./validate";

/** An nbformat 4.5 notebook as text: `cells` code cells of `outputs` outputs each, `metadata` spliced in. */
function notebookText({ cells = 1, outputs = 0, metadata = "{}" }: { cells?: number; outputs?: number; metadata?: string }): string {
  const output = '{"output_type":"stream","name":"stdout","text":"x"}';
  const outputList = `[${Array.from({ length: outputs }, () => output).join(",")}]`;
  const cell = (i: number) => `{"id":"c${i}","cell_type":"code","metadata":{},"source":"","execution_count":null,"outputs":${outputList}}`;
  return `{"nbformat":4,"nbformat_minor":5,"metadata":${metadata},"cells":[${Array.from({ length: cells }, (_, i) => cell(i)).join(",")}]}`;
}

/** Metadata that makes the whole notebook exactly `depth` levels deep (the notebook is level 1). */
const metadataOfDepth = (depth: number) => `{"deep":${"[".repeat(depth - 2)}${"]".repeat(depth - 2)}}`;

describe("notebook file limits", () => {
  it("takes a notebook exactly at the depth limit, and converts it both ways", () => {
    const parsed = parseLenientIpynb(notebookText({ metadata: metadataOfDepth(MAX_NOTEBOOK_DEPTH) }));
    expect(parsed.ok, parsed.ok ? "" : parsed.message).toBe(true);
    if (!parsed.ok) return;
    expect(JSON.stringify(ipynbFromDocument(documentFromIpynb(parsed.value)).metadata)).toBe(metadataOfDepth(MAX_NOTEBOOK_DEPTH));
  });

  it("refuses one level more, strict or lenient, naming the path", () => {
    const text = notebookText({ metadata: metadataOfDepth(MAX_NOTEBOOK_DEPTH + 1) });
    for (const result of [parseLenientIpynb(text), parseStrictIpynb(text)]) {
      expect(result).toMatchObject({ ok: false, code: "invalid_notebook" });
      if (!result.ok) expect(result.message).toBe("metadata.deep[0][0][0][0][0][0].…89 more…[0][0][0]: nested deeper than 100 levels");
    }
  });

  it("cuts long keys in the path it names", () => {
    const key = "k".repeat(500);
    const result = parseLenientIpynb(notebookText({ metadata: `{"${key}":${"[".repeat(200)}${"]".repeat(200)}}` }));
    expect(result.ok ? "" : result.message).toMatch(new RegExp(`^metadata\\.${"k".repeat(40)}…\\[0\\]`));
    expect(result.ok ? "" : result.message.length).toBeLessThan(200);
  });

  it("reads brackets in strings as text, escaped quotes and all, and names keys as decoded", () => {
    const brackets = JSON.stringify(`he said \\"${"[{".repeat(300)}`);
    expect(parseLenientIpynb(notebookText({ metadata: `{"note":${brackets},"b\\"k":${brackets}}` })).ok).toBe(true);
    const deep = `${"[".repeat(150)}${"]".repeat(150)}`;
    const result = parseLenientIpynb(notebookText({ metadata: `{"a":[1,{"x":"]]]"},[2,3,${deep}]],"k\\u00e9\\"y":{}}` }));
    expect(result.ok ? "" : result.message).toMatch(/^metadata\.a\[2\]\[2\]\[0\]/);
    const keyed = parseLenientIpynb(notebookText({ metadata: `{"first":[],"k\\u00e9\\"y":${deep}}` }));
    expect(keyed.ok ? "" : keyed.message).toMatch(/^metadata\.ké"y\[0\]/);
  });

  it("takes as many cells and outputs as the limits allow, and refuses one more", () => {
    expect(parseLenientIpynb(notebookText({ cells: MAX_NOTEBOOK_CELLS })).ok).toBe(true);
    expect(parseLenientIpynb(notebookText({ cells: MAX_NOTEBOOK_CELLS + 1 }))).toEqual({
      ok: false,
      code: "invalid_notebook",
      message: `cells: has ${MAX_NOTEBOOK_CELLS + 1} cells; a notebook may have at most ${MAX_NOTEBOOK_CELLS}`,
    });
    expect(parseLenientIpynb(notebookText({ outputs: MAX_CELL_OUTPUTS })).ok).toBe(true);
    expect(parseLenientIpynb(notebookText({ cells: 2, outputs: MAX_CELL_OUTPUTS + 1 }))).toEqual({
      ok: false,
      code: "invalid_notebook",
      message: `cells[0].outputs: has ${MAX_CELL_OUTPUTS + 1} outputs; a cell may have at most ${MAX_CELL_OUTPUTS}`,
    });
  });
});

describe("conversion without the file limits", () => {
  it("builds a cell with more outputs than one function call can take as arguments", () => {
    const count = 200_000;
    const parsed = validateLenient(JSON.parse(notebookText({ outputs: count })));
    if (!parsed.ok) throw new Error(parsed.message);
    const doc = documentFromIpynb(parsed.value);
    const cell = ipynbFromDocument(doc).cells[0]!;
    expect(cell.cell_type === "code" ? cell.outputs.length : 0).toBe(count);
    expect(Y.encodeStateAsUpdate(doc).byteLength).toBeGreaterThan(count);
  });

  it("copies metadata nested thousands deep without overflowing the stack", () => {
    const depth = 50_000;
    const parsed = validateLenient(JSON.parse(notebookText({ metadata: `{"deep":${"[".repeat(depth)}${"]".repeat(depth)}}` })));
    if (!parsed.ok) throw new Error(parsed.message);
    // The document holds it (storing it is what the file limit is for: Yjs encodes recursively).
    const doc = documentFromIpynb(parsed.value);
    let level: unknown = ipynbFromDocument(doc).metadata.deep;
    let count = 0;
    while (Array.isArray(level) && level.length > 0) {
      level = level[0];
      count += 1;
    }
    expect(count).toBe(depth - 1);
  });
});
