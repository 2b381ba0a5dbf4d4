import { readFileSync } from "node:fs";
import type * as Y from "yjs";
import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../util/json";
import { cellOutputs, getCellMap } from "../schema";
import type { CellId } from "../ids";
import { documentFromIpynb, ipynbFromDocument } from "./convert";
import { documentFileBytes, notebookFileBytes, outputFileBytes, tooLargeText } from "./file-size";
import { parseLenientIpynb } from "./validate";
import { ipynbText } from "./writer";

const fixture = (name: string) => readFileSync(new URL(`../../../tests/fixtures/notebooks/${name}`, import.meta.url), "utf8");

function docOf(text: string): Y.Doc {
  const parsed = parseLenientIpynb(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return documentFromIpynb(parsed.value);
}

/** A notebook of one empty code cell, or with `outputs` already in it. */
function oneCell(outputs: JsonObject[] = []): Y.Doc {
  return docOf(JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ id: "c", cell_type: "code", metadata: {}, source: "print(1)", execution_count: null, outputs }] }));
}

const OUTPUTS: JsonObject[] = [
  { output_type: "stream", name: "stdout", text: "hello\n" },
  { output_type: "stream", name: "stdout", text: "x\n".repeat(500) },
  { output_type: "stream", name: "stderr", text: "naïve → ✓ 𝄞\nno final newline" },
  { output_type: "display_data", data: { "text/plain": "<Figure>", "image/png": "iVBORw0KGgo".repeat(300) }, metadata: { "image/png": { width: 300 } } },
  { output_type: "execute_result", execution_count: 3, data: { "text/html": "<b>a</b>\n<i>b</i>\n", "application/json": { nested: { deep: [1, 2, { x: "y" }] } } }, metadata: {} },
  { output_type: "error", ename: "ValueError", evalue: "bad", traceback: ["line 1", "line 2"] },
];

describe("notebookFileBytes", () => {
  it("is the UTF-8 byte length of the .ipynb Tandem writes", () => {
    const nb = ipynbFromDocument(docOf(fixture("jupyter-classic-4.2.ipynb")));
    expect(notebookFileBytes(nb)).toBe(Buffer.byteLength(ipynbText(nb), "utf8"));
    const doc = oneCell([{ output_type: "stream", name: "stdout", text: "é€𝄞\n" }]);
    expect(documentFileBytes(doc)).toBe(Buffer.byteLength(ipynbText(ipynbFromDocument(doc)), "utf8"));
  });
});

describe("outputFileBytes", () => {
  it("is at least what appending the output adds to the file, and at most a few bytes more", () => {
    for (const before of [[], [OUTPUTS[0]!]]) {
      for (const output of OUTPUTS) {
        const doc = oneCell(before);
        const size = documentFileBytes(doc);
        doc.transact(() => cellOutputs(getCellMap(doc, "c" as CellId)!)!.push([output]));
        const added = documentFileBytes(doc) - size;
        expect(outputFileBytes(output), JSON.stringify(output).slice(0, 60)).toBeGreaterThanOrEqual(added);
        expect(outputFileBytes(output) - added).toBeLessThanOrEqual(4);
      }
    }
  });
});

describe("tooLargeText", () => {
  it("names both sizes in MiB, the size rounded up, and what to do", () => {
    expect(tooLargeText(10 * 1024 * 1024 + 1, 10 * 1024 * 1024)).toBe(
      "This notebook would be 10.1 MiB as a .ipynb file; a notebook may be at most 10 MiB. Clear large outputs (images, long printouts) and try again.",
    );
  });
});
