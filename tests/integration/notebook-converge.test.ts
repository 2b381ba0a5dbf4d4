/**
 * Two or three documents exchanging Yjs updates converge, for every command and for the concurrent
 * cases that matter in a shared notebook. Each peer edits its own copy; `syncAll` then plays the
 * server and delivers everything, and all copies must show the same notebook.
 */
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import {
  cellOrder,
  cellSourceText,
  deleteCell,
  getCellMap,
  insertCell,
  insertCells,
  ipynbFromDocument,
  mergeCells,
  moveCell,
  setCellMetadata,
  setCellType,
  setNotebookMetadata,
  setOutputs,
  setSource,
  snapshotNotebook,
  splitCell,
  userOrigin,
  validateStrict,
  KERNEL,
  type CellId,
  type Origin,
} from "@/lib/notebook";

const REMOTE: Origin = { kind: "remote" };
const users = [userOrigin("a"), userOrigin("b"), userOrigin("c")] as const;
const [ua, ub] = users;

/** `count` peers holding the same notebook of code cells with `sources`. */
function peers(count: number, ...sources: string[]): { docs: Y.Doc[]; ids: CellId[] } {
  const first = new Y.Doc();
  const ids = sources.map((source) => insertCell(first, { type: "code", source }, ua));
  const docs = [first];
  for (let i = 1; i < count; i++) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(first), REMOTE);
    docs.push(doc);
  }
  return { docs, ids };
}

/** Delivers every peer's missing updates to every other peer. */
function syncAll(docs: readonly Y.Doc[]): void {
  for (const from of docs) {
    for (const to of docs) {
      if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), REMOTE);
    }
  }
}

/** Asserts all peers show the same notebook, each cell once, and export valid nbformat. */
function expectConverged(docs: readonly Y.Doc[]) {
  const snapshot = snapshotNotebook(docs[0]!);
  for (const doc of docs.slice(1)) expect(snapshotNotebook(doc)).toEqual(snapshot);
  const ids = snapshot.cells.map((c) => c.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(validateStrict(ipynbFromDocument(docs[0]!))).toMatchObject({ ok: true });
  return snapshot;
}

const sources = (doc: Y.Doc) => snapshotNotebook(doc).cells.map((c) => c.source);
const text = (doc: Y.Doc, id: CellId) => cellSourceText(getCellMap(doc, id)!);

describe("every command converges", () => {
  const commands: [string, (doc: Y.Doc, ids: CellId[]) => unknown][] = [
    ["insertCell", (doc) => insertCell(doc, { type: "markdown", source: "# hi", at: 1 }, ua)],
    ["insertCells", (doc) => insertCells(doc, { at: 0, cells: [{ type: "raw" }, { type: "code", source: "1" }] }, ua)],
    ["deleteCell", (doc, ids) => deleteCell(doc, ids[1]!, ua)],
    ["moveCell", (doc, ids) => moveCell(doc, ids[0]!, 2, ua)],
    ["setCellType", (doc, ids) => setCellType(doc, ids[2]!, "markdown", ua)],
    ["setOutputs", (doc, ids) => setOutputs(doc, ids[0]!, [{ output_type: "stream", name: "stdout", text: "1\n" }], 1, KERNEL)],
    ["setSource", (doc, ids) => setSource(doc, ids[1]!, "b = 2\nprint(b)", ua)],
    ["setCellMetadata", (doc, ids) => setCellMetadata(doc, ids[0]!, { tags: ["setup"] }, ua)],
    ["setNotebookMetadata", (doc) => setNotebookMetadata(doc, { kernelspec: { name: "python3", display_name: "Python 3" } }, ua)],
    ["splitCell", (doc, ids) => splitCell(doc, ids[2]!, 3, ua)],
    ["mergeCells", (doc, ids) => mergeCells(doc, [ids[0]!, ids[1]!], ua)],
  ];
  it.each(commands)("%s", (_name, command) => {
    const { docs, ids } = peers(3, "a = 1", "b = 1", "c = 1\nd = 1");
    command(docs[1]!, ids);
    const expected = snapshotNotebook(docs[1]!);
    syncAll(docs);
    expect(expectConverged(docs)).toEqual(expected);
  });
});

describe("concurrent edits", () => {
  it("move + edit of the same cell: the edit survives the move", () => {
    const { docs, ids } = peers(2, "print(1)", "second", "third");
    const [a, b] = docs as [Y.Doc, Y.Doc];
    moveCell(a, ids[0]!, 2, ua);
    text(b, ids[0]!).insert(8, "  # edited");
    syncAll(docs);
    expectConverged(docs);
    expect(sources(a)).toEqual(["second", "third", "print(1)  # edited"]);
  });

  it("delete + edit of the same cell: the cell stays deleted, without a crash", () => {
    const { docs, ids } = peers(3, "keep", "doomed");
    const [a, b, c] = docs as [Y.Doc, Y.Doc, Y.Doc];
    deleteCell(a, ids[1]!, ua);
    text(b, ids[1]!).insert(0, "typing into ");
    setOutputs(c, ids[1]!, [{ output_type: "stream", name: "stdout", text: "late\n" }], 3, KERNEL);
    syncAll(docs);
    expectConverged(docs);
    expect(cellOrder(a)).toEqual([ids[0]]);
    // Commands on the vanished cell are no-ops everywhere.
    expect(setSource(b, ids[1]!, "x", ub)).toBe(false);
  });

  it("inserts at the same index on two peers: both cells, in the same order everywhere", () => {
    const { docs } = peers(3, "first", "last");
    const [a, b] = docs as [Y.Doc, Y.Doc];
    insertCell(a, { type: "code", source: "from a", at: 1 }, ua);
    insertCell(b, { type: "code", source: "from b", at: 1 }, ub);
    syncAll(docs);
    expectConverged(docs);
    expect(sources(a)[0]).toBe("first");
    expect(sources(a).slice(1, 3).sort()).toEqual(["from a", "from b"]);
    expect(sources(a)[3]).toBe("last");
  });

  it("type changes: the last writer wins, the same on every peer, with a consistent cell", () => {
    const { docs, ids } = peers(3, "x");
    const [a, b, c] = docs as [Y.Doc, Y.Doc, Y.Doc];
    setOutputs(a, ids[0]!, [{ output_type: "stream", name: "stdout", text: "x\n" }], 1, KERNEL);
    syncAll(docs);
    setCellType(a, ids[0]!, "markdown", ua);
    setCellType(b, ids[0]!, "raw", ub);
    setCellType(c, ids[0]!, "markdown", users[2]);
    setCellType(c, ids[0]!, "code", users[2]);
    syncAll(docs);
    const [cell] = expectConverged(docs).cells;
    expect(["markdown", "raw", "code"]).toContain(cell!.type);
  });

  it("moves of the same cell: one position wins and the cell appears exactly once", () => {
    const { docs, ids } = peers(3, "a", "b", "c", "d");
    const [a, b, c] = docs as [Y.Doc, Y.Doc, Y.Doc];
    moveCell(a, ids[0]!, 3, ua);
    moveCell(b, ids[0]!, 1, ub);
    moveCell(c, ids[0]!, 2, users[2]);
    syncAll(docs);
    const snapshot = expectConverged(docs);
    expect(snapshot.cells.filter((cell) => cell.id === ids[0])).toHaveLength(1);
    expect(snapshot.cells).toHaveLength(4);
  });

  it("split + typing after the split point: the typing stays in the first cell, everywhere", () => {
    const { docs, ids } = peers(2, "head\ntail");
    const [a, b] = docs as [Y.Doc, Y.Doc];
    splitCell(a, ids[0]!, 4, ua);
    text(b, ids[0]!).insert(9, "!");
    syncAll(docs);
    expectConverged(docs);
    // The split deleted "tail" from the first cell's text, but b's "!" was typed after it: a text
    // CRDT keeps it where it was typed. The new cell holds the tail as a was seeing it.
    expect(sources(a)).toEqual(["head!", "tail"]);
  });

  it("the same merge on two peers: converges, with the merged text twice (documented)", () => {
    const { docs, ids } = peers(2, "a", "b");
    const [a, b] = docs as [Y.Doc, Y.Doc];
    mergeCells(a, ids, ua);
    mergeCells(b, ids, ub);
    syncAll(docs);
    expectConverged(docs);
    expect(sources(a)).toEqual(["a\nb\nb"]);
  });

  it("setSource + typing elsewhere in the same cell: both survive", () => {
    const { docs, ids } = peers(2, "import math\nx = 1\n");
    const [a, b] = docs as [Y.Doc, Y.Doc];
    setSource(a, ids[0]!, "import math\nx = 2\n", ua);
    text(b, ids[0]!).insert(0, "# header\n");
    syncAll(docs);
    expectConverged(docs);
    expect(sources(a)).toEqual(["# header\nimport math\nx = 2\n"]);
  });

  it("kernel outputs + a concurrent change to markdown: no outputs on the markdown cell", () => {
    const { docs, ids } = peers(2, "print(1)");
    const [a, b] = docs as [Y.Doc, Y.Doc];
    setCellType(a, ids[0]!, "markdown", ua);
    setOutputs(b, ids[0]!, [{ output_type: "stream", name: "stdout", text: "1\n" }], 1, KERNEL);
    syncAll(docs);
    const [cell] = expectConverged(docs).cells;
    expect(cell).toMatchObject({ type: "markdown", outputs: [] });
  });
});
