import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import {
  cellOrder,
  clearOutputs,
  deleteCell,
  insertCell,
  insertCells,
  mergeCells,
  moveCell,
  parseCellId,
  replaceInSources,
  createUndoManager,
  setCellMetadata,
  setCellType,
  setNotebookMetadata,
  setOutputs,
  setSource,
  snapshotNotebook,
  splitCell,
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

/** Two documents with the same content, for concurrent edits. */
function twin(doc: Y.Doc): Y.Doc {
  const other = new Y.Doc();
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
  return other;
}

function exchange(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

const textOf = (doc: Y.Doc, id: CellId) => cellSourceText(getCellMap(doc, id)!);

describe("insertCells", () => {
  it("inserts a batch in order at an index, in one transaction", () => {
    const { doc } = notebookWith("a", "d");
    let transactions = 0;
    doc.on("afterTransaction", () => transactions++);
    const ids = insertCells(doc, { at: 1, cells: [{ type: "code", source: "b" }, { type: "markdown", source: "c" }] }, me);
    expect(transactions).toBe(1);
    expect(sources(doc)).toEqual(["a", "b", "c", "d"]);
    expect(cellOrder(doc).slice(1, 3)).toEqual(ids);
  });

  it("keeps pasted outputs and rejects ids given twice or already present", () => {
    const { doc, ids } = notebookWith("a");
    const output = { output_type: "stream", name: "stdout", text: "1\n" };
    const [pasted] = insertCells(doc, { cells: [{ type: "code", source: "print(1)", outputs: [output], executionCount: 4 }] }, me);
    expect(snapshotNotebook(doc).cells[1]).toMatchObject({ id: pasted, outputs: [output], executionCount: 4 });
    const twice = parseCellId("twice");
    expect(() => insertCells(doc, { cells: [{ type: "code", id: twice }, { type: "raw", id: twice }] }, me)).toThrow(
      "Cell id twice is given twice",
    );
    expect(() => insertCell(doc, { type: "code", id: ids[0] }, me)).toThrow(`Cell id ${ids[0]} is already in the notebook`);
    expect(cellOrder(doc)).toHaveLength(2);
  });

  it("stores a copy of the metadata, not the caller's object", () => {
    const metadata = { tags: ["a"] };
    const doc = new Y.Doc();
    insertCell(doc, { type: "code", metadata }, me);
    metadata.tags.push("mutated later");
    expect(snapshotNotebook(doc).cells[0]!.metadata).toEqual({ tags: ["a"] });
  });

  it("places a cell inserted next to a concurrent-insert tie right after the tied pair", () => {
    const { doc: a } = notebookWith("first", "last");
    const b = twin(a);
    insertCell(a, { type: "code", source: "from a", at: 1 }, me);
    insertCell(b, { type: "code", source: "from b", at: 1 }, me);
    exchange(a, b);
    const tied = snapshotNotebook(a).cells.slice(1, 3);
    expect(tied[0]!.position).toBe(tied[1]!.position);
    insertCell(a, { type: "code", source: "new", at: 2 }, me);
    expect(sources(a)).toEqual(["first", tied[0]!.source, tied[1]!.source, "new", "last"]);
  });
});

describe("setCellType and setOutputs, details", () => {
  it("writes nothing when the type is unchanged, so it cannot override a collaborator's change", () => {
    const { doc, ids } = notebookWith("a");
    let updates = 0;
    doc.on("update", () => updates++);
    expect(setCellType(doc, ids[0]!, "code", me)).toBe(true);
    expect(updates).toBe(0);
  });

  it("rejects an execution count that nbformat would not accept", () => {
    const { doc, ids } = notebookWith("a");
    expect(() => setOutputs(doc, ids[0]!, [], -1, me)).toThrow("Invalid execution count -1");
    expect(() => setOutputs(doc, ids[0]!, [], 1.5, me)).toThrow("Invalid execution count 1.5");
  });
});

describe("splitCell", () => {
  it("splits at an offset into two cells of the same type, the new one right after", () => {
    const { doc, ids } = notebookWith("first", "x = 1y = 2", "last");
    const id = ids[1]!;
    setCellType(doc, id, "markdown", me);
    setCellMetadata(doc, id, { tags: ["keep"] }, me);
    const second = splitCell(doc, id, 5, me)!;
    expect(sources(doc)).toEqual(["first", "x = 1", "y = 2", "last"]);
    const cells = snapshotNotebook(doc).cells;
    expect(cells[1]).toMatchObject({ id, type: "markdown", metadata: { tags: ["keep"] } });
    expect(cells[2]).toMatchObject({ id: second, type: "markdown", metadata: {} });
  });

  it("keeps outputs and the text object with the first cell", () => {
    const { doc, ids } = notebookWith("a = 1\nb = 2");
    const id = ids[0]!;
    const text = textOf(doc, id);
    setOutputs(doc, id, [{ output_type: "stream", name: "stdout", text: "x" }], 7, me);
    const second = splitCell(doc, id, 5, me)!;
    expect(textOf(doc, id)).toBe(text);
    const [first, next] = snapshotNotebook(doc).cells;
    expect(first).toMatchObject({ source: "a = 1", executionCount: 7, outputs: [{ text: "x" }] });
    expect(next).toMatchObject({ id: second, source: "b = 2", executionCount: null, outputs: [] });
  });

  it("drops one line break at the split point, either side of the offset", () => {
    for (const [offset, expected] of [
      [1, ["a", "b"]],
      [2, ["a", "b"]],
      [0, ["", "a\nb"]],
      [3, ["a\nb", ""]],
    ] as const) {
      const { doc, ids } = notebookWith("a\nb");
      splitCell(doc, ids[0]!, offset, me);
      expect(sources(doc), `offset ${offset}`).toEqual(expected);
    }
  });

  it("copies the attachments the second part refers to", () => {
    const doc = new Y.Doc();
    const png = { "image/png": "iVBOR" };
    const id = insertCell(doc, { type: "markdown", source: "![a](attachment:a.png)\n![b](attachment:b.png)", attachments: { "a.png": png, "b.png": png } }, me);
    splitCell(doc, id, 22, me);
    expect(snapshotNotebook(doc).cells.map((c) => Object.keys(c.attachments ?? {}))).toEqual([["a.png", "b.png"], ["b.png"]]);
  });

  it("keeps a collaborator's concurrent typing before the split point", () => {
    const { doc: a, ids } = notebookWith("head\ntail");
    const b = twin(a);
    splitCell(a, ids[0]!, 4, me);
    textOf(b, ids[0]!).insert(0, "# ");
    exchange(a, b);
    expect(sources(a)).toEqual(["# head", "tail"]);
    expect(sources(b)).toEqual(sources(a));
  });

  it("returns null for a missing cell and throws on an offset out of range, with the values", () => {
    const { doc, ids } = notebookWith("abc", "😀");
    expect(splitCell(doc, parseCellId("gone"), 0, me)).toBeNull();
    expect(() => splitCell(doc, ids[0]!, 4, me)).toThrow(`Invalid split offset 4 (cell ${ids[0]} has 3 characters)`);
    expect(() => splitCell(doc, ids[0]!, -1, me)).toThrow("Invalid split offset -1");
    expect(() => splitCell(doc, ids[1]!, 1, me)).toThrow("inside a surrogate pair");
    expect(sources(doc)).toEqual(["abc", "😀"]);
  });
});

describe("mergeCells", () => {
  it("joins sources with a line break into the first cell and deletes the others", () => {
    const { doc, ids } = notebookWith("a", "b", "c", "d");
    const text = textOf(doc, ids[1]!);
    expect(mergeCells(doc, [ids[1]!, ids[2]!, ids[3]!], me)).toBe(true);
    expect(sources(doc)).toEqual(["a", "b\nc\nd"]);
    expect(cellOrder(doc)).toEqual([ids[0], ids[1]]);
    expect(textOf(doc, ids[1]!)).toBe(text);
  });

  it("takes the cells in notebook order, whatever the order of the ids", () => {
    const { doc, ids } = notebookWith("a", "b");
    mergeCells(doc, [ids[1]!, ids[0]!], me);
    expect(sources(doc)).toEqual(["a\nb"]);
    expect(cellOrder(doc)).toEqual([ids[0]]);
  });

  it("keeps the first cell's type and metadata, and clears a code result's outputs", () => {
    const doc = new Y.Doc();
    const code = insertCell(doc, { type: "code", source: "x = 1", metadata: { tags: ["t"] } }, me);
    const md = insertCell(doc, { type: "markdown", source: "# note" }, me);
    setOutputs(doc, code, [{ output_type: "stream", name: "stdout", text: "x" }], 2, me);
    mergeCells(doc, [code, md], me);
    expect(snapshotNotebook(doc).cells).toEqual([
      expect.objectContaining({ id: code, type: "code", source: "x = 1\n# note", metadata: { tags: ["t"] }, outputs: [], executionCount: null }),
    ]);
  });

  it("gathers the attachments of merged markdown cells, the first cell's winning a clash", () => {
    const doc = new Y.Doc();
    const a = insertCell(doc, { type: "markdown", source: "a", attachments: { "x.png": { "image/png": "A" } } }, me);
    const b = insertCell(doc, { type: "raw", source: "b", attachments: { "x.png": { "image/png": "B" }, "y.png": { "image/png": "B" } } }, me);
    mergeCells(doc, [a, b], me);
    expect(snapshotNotebook(doc).cells[0]!.attachments).toEqual({ "x.png": { "image/png": "A" }, "y.png": { "image/png": "B" } });
  });

  it("undoes a split: splitting where the merge joined gives the original cells back", () => {
    const { doc, ids } = notebookWith("x = 1\n", "print(x)");
    mergeCells(doc, ids, me);
    splitCell(doc, ids[0]!, "x = 1\n".length, me);
    expect(sources(doc)).toEqual(["x = 1\n", "print(x)"]);
  });

  it("changes nothing when a cell is gone, and rejects fewer than two or repeated ids", () => {
    const { doc, ids } = notebookWith("a", "b");
    expect(mergeCells(doc, [ids[0]!, parseCellId("gone")], me)).toBe(false);
    expect(sources(doc)).toEqual(["a", "b"]);
    expect(() => mergeCells(doc, [ids[0]!], me)).toThrow("mergeCells needs at least two cells (got 1)");
    expect(() => mergeCells(doc, [ids[0]!, ids[0]!], me)).toThrow("mergeCells got a cell twice");
  });
});

describe("setSource", () => {
  it("edits only the span that differs, so concurrent typing elsewhere survives", () => {
    const { doc: a, ids } = notebookWith("x = 1\ny = 2\n");
    const b = twin(a);
    setSource(a, ids[0]!, "x = 1\ny = 20\n", me);
    textOf(b, ids[0]!).insert(0, "# setup\n");
    exchange(a, b);
    expect(sources(a)).toEqual(["# setup\nx = 1\ny = 20\n"]);
    expect(sources(b)).toEqual(sources(a));
  });

  it("never splits a surrogate pair (Yjs would turn the halves into U+FFFD)", () => {
    const { doc, ids } = notebookWith("a😀b");
    const other = twin(doc);
    doc.on("update", (update: Uint8Array) => Y.applyUpdate(other, update));
    // U+10600 shares its low surrogate with 😀, so the common suffix would end inside the pair.
    for (const next of ["a😁b", "a😁😀b", "😀b", "\u{10600}b", "😁"]) {
      setSource(doc, ids[0]!, next, me);
      expect(sources(doc)).toEqual([next]);
      expect(sources(other)).toEqual([next]);
    }
  });

  it("writes nothing for an unchanged text and returns false for a missing cell", () => {
    const { doc, ids } = notebookWith("same");
    let updates = 0;
    doc.on("update", () => updates++);
    expect(setSource(doc, ids[0]!, "same", me)).toBe(true);
    expect(updates).toBe(0);
    expect(setSource(doc, parseCellId("gone"), "x", me)).toBe(false);
  });
});

describe("metadata", () => {
  it("replaces a cell's metadata as a whole, storing a copy", () => {
    const { doc, ids } = notebookWith("a");
    const metadata = { tags: ["x"], collapsed: true };
    expect(setCellMetadata(doc, ids[0]!, metadata, me)).toBe(true);
    metadata.tags.push("later");
    setCellMetadata(doc, ids[0]!, { tags: ["y"] }, me);
    expect(snapshotNotebook(doc).cells[0]!.metadata).toEqual({ tags: ["y"] });
    expect(setCellMetadata(doc, parseCellId("gone"), {}, me)).toBe(false);
    expect(() => setCellMetadata(doc, ids[0]!, [] as never, me)).toThrow("Invalid cell metadata []");
  });

  it("replaces the notebook's metadata in one transaction with the caller's origin", () => {
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    doc.on("afterTransaction", (tr: Y.Transaction) => origins.push(tr.origin));
    setNotebookMetadata(doc, { kernelspec: { name: "python3", display_name: "Python 3" } }, me);
    expect(snapshotNotebook(doc).metadata).toEqual({ kernelspec: { name: "python3", display_name: "Python 3" } });
    expect(origins).toEqual([me]);
    expect(() => setNotebookMetadata(doc, null as never, me)).toThrow("Invalid notebook metadata null");
  });
});

describe("replaceInSources", () => {
  const edit = (cellId: CellId, from: number, to: number, expected: string, insert: string) => ({ cellId, from, to, expected, insert });

  it("replaces ranges across cells as one transaction and one undo step", () => {
    const { doc, ids } = notebookWith("cat = 1", "print(cat)", "# no match");
    const undo = createUndoManager(doc, me);
    let transactions = 0;
    doc.on("afterTransaction", () => transactions++);
    const made = replaceInSources(doc, [edit(ids[0]!, 0, 3, "cat", "dog"), edit(ids[1]!, 6, 9, "cat", "dog")], me);
    expect(made).toBe(2);
    expect(transactions).toBe(1);
    expect(sources(doc)).toEqual(["dog = 1", "print(dog)", "# no match"]);
    expect(undo.undo()).toBe(true);
    expect(sources(doc)).toEqual(["cat = 1", "print(cat)", "# no match"]);
    expect(undo.canUndo()).toBe(false);
  });

  it("applies several ranges of one cell from the last, so offsets found together hold", () => {
    const { doc, ids } = notebookWith("a a a");
    expect(replaceInSources(doc, [edit(ids[0]!, 0, 1, "a", "bbb"), edit(ids[0]!, 2, 3, "a", ""), edit(ids[0]!, 4, 5, "a", "c")], me)).toBe(3);
    expect(sources(doc)).toEqual(["bbb  c"]);
  });

  it("writes only the matched ranges: a partner's concurrent typing elsewhere in the cell survives", () => {
    const { doc: a, ids } = notebookWith("x = old\ny = 2\nz = old");
    const b = twin(a);
    replaceInSources(a, [edit(ids[0]!, 4, 7, "old", "new"), edit(ids[0]!, 18, 21, "old", "new")], me);
    textOf(b, ids[0]!).insert(14, "# B typed this\n");
    exchange(a, b);
    expect(sources(a)).toEqual(["x = new\ny = 2\n# B typed this\nz = new"]);
    expect(sources(b)).toEqual(sources(a));
  });

  it("skips a range that no longer holds what was found, an overlapping range and a missing cell", () => {
    const { doc, ids } = notebookWith("hello world");
    const made = replaceInSources(
      doc,
      [edit(ids[0]!, 0, 5, "HELLO", "bye"), edit(ids[0]!, 6, 11, "world", "there"), edit(ids[0]!, 8, 10, "rl", "x"), edit(parseCellId("gone"), 0, 1, "h", "j")],
      me,
    );
    expect(made).toBe(1);
    expect(sources(doc)).toEqual(["hello there"]);
  });

  it("writes nothing for no edits and throws on a bad range before writing", () => {
    const { doc, ids } = notebookWith("abc");
    let updates = 0;
    doc.on("update", () => updates++);
    expect(replaceInSources(doc, [], me)).toBe(0);
    expect(() => replaceInSources(doc, [edit(ids[0]!, 0, 1, "a", "x"), edit(ids[0]!, 2, 1, "", "y")], me)).toThrow(/Invalid replace range 2 to 1/);
    expect(updates).toBe(0);
    expect(sources(doc)).toEqual(["abc"]);
  });
});
