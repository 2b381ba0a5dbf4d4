import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import {
  cellOrder,
  clearOutputs,
  deleteCell,
  insertCell,
  moveCell,
  parseCellId,
  setCellType,
  setOutputs,
  snapshotNotebook,
  userOrigin,
  type CellId,
} from "./index";
import { cellSourceText, getCellMap } from "./schema";

const me = userOrigin("test-session");

function notebookWith(...sources: string[]): { doc: Y.Doc; ids: CellId[] } {
  const doc = new Y.Doc();
  const ids = sources.map((source) => insertCell(doc, { type: "code", source }, me));
  return { doc, ids };
}

const sources = (doc: Y.Doc) => snapshotNotebook(doc).cells.map((c) => c.source);

describe("insertCell", () => {
  it("appends by default and inserts at an index", () => {
    const { doc } = notebookWith("a", "c");
    insertCell(doc, { type: "markdown", source: "b", at: 1 }, me);
    insertCell(doc, { type: "raw", source: "start", at: 0 }, me);
    expect(sources(doc)).toEqual(["start", "a", "b", "c"]);
    expect(snapshotNotebook(doc).cells.map((c) => c.type)).toEqual(["raw", "code", "markdown", "code"]);
  });

  it("rejects an index outside the notebook, naming it", () => {
    const { doc } = notebookWith("a");
    expect(() => insertCell(doc, { type: "code", at: 5 }, me)).toThrow("Invalid cell index 5 (notebook has 1 cells)");
  });

  it("gives code cells empty outputs and no execution count", () => {
    const { doc, ids } = notebookWith("x = 1");
    const cell = snapshotNotebook(doc).cells[0]!;
    expect(cell).toMatchObject({ id: ids[0], outputs: [], executionCount: null, metadata: {} });
  });

  it("is one transaction with the caller's origin", () => {
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    doc.on("afterTransaction", (tr: Y.Transaction) => origins.push(tr.origin));
    insertCell(doc, { type: "code", source: "1" }, me);
    expect(origins).toEqual([me]);
  });
});

describe("moveCell", () => {
  it("reorders without touching the cell's text object", () => {
    const { doc, ids } = notebookWith("a", "b", "c");
    const text = cellSourceText(getCellMap(doc, ids[0]!)!);
    expect(moveCell(doc, ids[0]!, 2, me)).toBe(true);
    expect(sources(doc)).toEqual(["b", "c", "a"]);
    expect(cellSourceText(getCellMap(doc, ids[0]!)!)).toBe(text);
    moveCell(doc, ids[0]!, 0, me);
    expect(sources(doc)).toEqual(["a", "b", "c"]);
  });

  it("keeps a concurrent edit to the moved cell's source", () => {
    const { doc: a, ids } = notebookWith("print(1)", "second");
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    moveCell(a, ids[0]!, 1, me);
    cellSourceText(getCellMap(b, ids[0]!)!).insert(8, "  # edited");
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(sources(a)).toEqual(["second", "print(1)  # edited"]);
    expect(sources(b)).toEqual(sources(a));
  });

  it("is a no-op on a cell that is gone", () => {
    const { doc } = notebookWith("a");
    expect(moveCell(doc, parseCellId("missing"), 0, me)).toBe(false);
  });
});

describe("deleteCell, setCellType and outputs", () => {
  it("deletes once and then reports the cell gone", () => {
    const { doc, ids } = notebookWith("a", "b");
    expect(deleteCell(doc, ids[0]!, me)).toBe(true);
    expect(deleteCell(doc, ids[0]!, me)).toBe(false);
    expect(cellOrder(doc)).toEqual([ids[1]]);
  });

  it("drops outputs when a code cell becomes markdown, and restores an empty output list back", () => {
    const { doc, ids } = notebookWith("print(1)");
    const id = ids[0]!;
    setOutputs(doc, id, [{ output_type: "stream", name: "stdout", text: "1\n" }], 3, me);
    expect(snapshotNotebook(doc).cells[0]).toMatchObject({ executionCount: 3, outputs: [{ text: "1\n" }] });
    setCellType(doc, id, "markdown", me);
    expect(snapshotNotebook(doc).cells[0]).toMatchObject({ type: "markdown", outputs: [], executionCount: null });
    setCellType(doc, id, "code", me);
    expect(snapshotNotebook(doc).cells[0]).toMatchObject({ type: "code", outputs: [], source: "print(1)" });
  });

  it("clears outputs and refuses to write outputs to a markdown cell", () => {
    const doc = new Y.Doc();
    const md = insertCell(doc, { type: "markdown", source: "# hi" }, me);
    expect(setOutputs(doc, md, [{ output_type: "stream", name: "stdout", text: "x" }], 1, me)).toBe(false);
    const code = insertCell(doc, { type: "code" }, me);
    setOutputs(doc, code, [{ output_type: "stream", name: "stdout", text: "x" }], 1, me);
    expect(clearOutputs(doc, code, me)).toBe(true);
    expect(snapshotNotebook(doc).cells[1]).toMatchObject({ outputs: [], executionCount: null });
  });

  it("rejects an unknown cell type", () => {
    const { doc, ids } = notebookWith("a");
    expect(() => setCellType(doc, ids[0]!, "html" as never, me)).toThrow('Invalid cell type "html"');
  });
});
