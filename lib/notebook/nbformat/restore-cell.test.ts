import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { deleteCell, insertCell, setOutputs, setSource } from "../commands";
import { LOAD, SYSTEM } from "../origins";
import { snapshotNotebook } from "../selectors";
import { ipynbFromDocument } from "./convert";
import { restoreCell } from "./restore-cell";

function notebook() {
  const doc = new Y.Doc();
  const a = insertCell(doc, { type: "code", source: "a = 1" }, LOAD);
  const b = insertCell(doc, { type: "code", source: "b = 2\nprint(b)", metadata: { tags: ["keep"] } }, LOAD);
  setOutputs(doc, b, [{ output_type: "stream", name: "stdout", text: "2\n" }], 3, LOAD);
  const c = insertCell(doc, { type: "markdown", source: "# End" }, LOAD);
  return { doc, a, b, c, version: ipynbFromDocument(doc).cells };
}

describe("restoreCell", () => {
  it("gives a changed cell its source, type, metadata and outputs back, in one transaction", () => {
    const { doc, b, version } = notebook();
    setSource(doc, b, "b = 20", LOAD);
    setOutputs(doc, b, [], null, LOAD);
    let transactions = 0;
    doc.on("afterTransaction", () => transactions++);
    expect(restoreCell(doc, version[1]!, [version[0]!.id], SYSTEM)).toBe(true);
    expect(transactions).toBe(1);
    const cell = snapshotNotebook(doc).cells[1]!;
    expect(cell).toMatchObject({ id: b, type: "code", source: "b = 2\nprint(b)", metadata: { tags: ["keep"] }, executionCount: 3 });
    expect(cell.type === "code" ? cell.outputs : null).toEqual([{ output_type: "stream", name: "stdout", text: "2\n" }]);
  });

  it("puts a deleted cell back after the nearest cell before it that is left, or first", () => {
    const { doc, a, b, c, version } = notebook();
    deleteCell(doc, b, LOAD);
    deleteCell(doc, c, LOAD);
    restoreCell(doc, version[2]!, [b, a], SYSTEM);
    expect(snapshotNotebook(doc).cells.map((x) => x.id)).toEqual([a, c]);
    deleteCell(doc, a, LOAD);
    restoreCell(doc, version[1]!, [a], SYSTEM);
    expect(snapshotNotebook(doc).cells.map((x) => [x.id, x.source])).toEqual([
      [b, "b = 2\nprint(b)"],
      [c, "# End"],
    ]);
  });

  it("refuses a cell whose id is not a cell id", () => {
    const { doc, version } = notebook();
    expect(restoreCell(doc, { ...version[0]!, id: "not an id!" }, [], SYSTEM)).toBe(false);
  });
});
