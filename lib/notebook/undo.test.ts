import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import {
  KERNEL,
  LOAD,
  cellOrder,
  createUndoManager,
  deleteCell,
  insertCell,
  moveCell,
  setCellMetadata,
  setCellType,
  setOutputs,
  snapshotNotebook,
  userOrigin,
  type CellId,
  type Origin,
} from "./index";
import { cellSourceText, getCellMap } from "./schema";

const me = userOrigin("me");
const them = userOrigin("them");
const REMOTE: Origin = { kind: "remote" };
const output = { output_type: "stream", name: "stdout", text: "1\n" };

/** My document, with an undo manager, and a collaborator's copy of it. */
function session(...sources: string[]) {
  const doc = new Y.Doc();
  const ids = sources.map((source) => insertCell(doc, { type: "code", source }, LOAD));
  const peer = new Y.Doc();
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc), REMOTE);
  const undo = createUndoManager(doc, me);
  return { doc, ids, peer, undo };
}

/** Delivers each side's missing updates to the other, marked as remote. */
function exchange(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), REMOTE);
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), REMOTE);
}

/** Types into a cell as the editor binding does: a plain transaction with my origin, not a command. */
function type(doc: Y.Doc, id: CellId, index: number, text: string, origin: Origin = me): void {
  doc.transact(() => cellSourceText(getCellMap(doc, id)!).insert(index, text), origin);
}

const sources = (doc: Y.Doc) => snapshotNotebook(doc).cells.map((c) => c.source);

describe("undo restores the exact state of each command", () => {
  it("undoes and redoes an insert, the cell coming back with its id", () => {
    const { doc, undo } = session("a");
    const before = snapshotNotebook(doc);
    const id = insertCell(doc, { type: "markdown", source: "# new", at: 0 }, me);
    const after = snapshotNotebook(doc);
    expect(undo.undo()).toBe(true);
    expect(snapshotNotebook(doc)).toEqual(before);
    expect(undo.redo()).toBe(true);
    expect(snapshotNotebook(doc)).toEqual(after);
    expect(cellOrder(doc)[0]).toBe(id);
  });

  it("brings a deleted cell back with its id, source, type, metadata and outputs", () => {
    const { doc, ids, undo } = session("a", "print(1)", "c");
    const id = ids[1]!;
    setOutputs(doc, id, [output], 3, KERNEL);
    setCellMetadata(doc, id, { tags: ["t"] }, LOAD);
    const before = snapshotNotebook(doc);
    deleteCell(doc, id, me);
    undo.undo();
    expect(snapshotNotebook(doc)).toEqual(before);
    // Y.UndoManager restores a deleted map entry as a new Y.Map: check the restored one is whole.
    const restored = getCellMap(doc, id)!;
    expect(restored.get("id")).toBe(id);
    expect(cellSourceText(restored).toString()).toBe("print(1)");
    type(doc, id, 0, "# ");
    expect(sources(doc)[1]).toBe("# print(1)");
  });

  it("undoes a move and a type change (outputs come back with the code type)", () => {
    const { doc, ids, undo } = session("a", "b", "c");
    setOutputs(doc, ids[0]!, [output], 1, KERNEL);
    const before = snapshotNotebook(doc);
    moveCell(doc, ids[0]!, 2, me);
    setCellType(doc, ids[0]!, "markdown", me);
    expect(snapshotNotebook(doc).cells[2]).toMatchObject({ type: "markdown", outputs: [] });
    undo.undo();
    undo.undo();
    expect(snapshotNotebook(doc)).toEqual(before);
  });

  it("undoes a text edit", () => {
    const { doc, ids, undo } = session("x = 1");
    type(doc, ids[0]!, 5, "0");
    undo.undo();
    expect(sources(doc)).toEqual(["x = 1"]);
  });
});

describe("what one undo step is", () => {
  it("makes each command its own step, even in quick succession", () => {
    const { doc, ids, undo } = session("a");
    insertCell(doc, { type: "code", source: "b" }, me);
    setCellType(doc, ids[0]!, "raw", me);
    undo.undo();
    expect(snapshotNotebook(doc).cells.map((c) => [c.source, c.type])).toEqual([["a", "code"], ["b", "code"]]);
  });

  it("groups typing until a pause of captureTimeout, and never into a command's step", async () => {
    // Real time: lib0 reads Date.now once at import, so fake timers cannot move Yjs's clock.
    const { doc, ids, undo: defaultUndo } = session("");
    defaultUndo.dispose();
    const undo = createUndoManager(doc, me, { captureTimeout: 40 });
    const id = ids[0]!;
    type(doc, id, 0, "a");
    type(doc, id, 1, "b");
    await new Promise((resolve) => setTimeout(resolve, 80));
    type(doc, id, 2, "c");
    setCellMetadata(doc, id, { tags: ["x"] }, me);
    type(doc, id, 3, "d");
    undo.undo();
    expect(snapshotNotebook(doc).cells[0]).toMatchObject({ source: "abc", metadata: { tags: ["x"] } });
    undo.undo();
    expect(snapshotNotebook(doc).cells[0]).toMatchObject({ source: "abc", metadata: {} });
    undo.undo();
    expect(sources(doc)).toEqual(["ab"]);
    undo.undo();
    expect(sources(doc)).toEqual([""]);
  });

  it("starts a new step after stopCapturing", () => {
    const { doc, ids, undo } = session("");
    type(doc, ids[0]!, 0, "a");
    undo.stopCapturing();
    type(doc, ids[0]!, 1, "b");
    undo.undo();
    expect(sources(doc)).toEqual(["a"]);
  });
});

describe("only my own changes are undone", () => {
  it("leaves a collaborator's edits, including their concurrent text in my cell", () => {
    const { doc, ids, peer, undo } = session("x = 1");
    type(doc, ids[0]!, 5, "0");
    type(peer, ids[0]!, 0, "# theirs\n", them);
    insertCell(peer, { type: "markdown", source: "their cell" }, them);
    exchange(doc, peer);
    expect(sources(doc)).toEqual(["# theirs\nx = 10", "their cell"]);
    expect(undo.undo()).toBe(true);
    expect(sources(doc)).toEqual(["# theirs\nx = 1", "their cell"]);
    expect(undo.canUndo()).toBe(false);
    exchange(doc, peer);
    expect(sources(peer)).toEqual(sources(doc));
  });

  it("never undoes kernel outputs or loads", () => {
    const { doc, ids, undo } = session("print(1)");
    setOutputs(doc, ids[0]!, [output], 1, KERNEL);
    insertCell(doc, { type: "code" }, LOAD);
    expect(undo.canUndo()).toBe(false);
    type(doc, ids[0]!, 0, "#");
    setOutputs(doc, ids[0]!, [output, output], 2, KERNEL);
    undo.undo();
    expect(snapshotNotebook(doc).cells[0]).toMatchObject({ source: "print(1)", executionCount: 2 });
    expect(snapshotNotebook(doc).cells[0]!.outputs).toHaveLength(2);
  });

  it("restores a deleted cell whole even when a collaborator moved it meanwhile (yjs#472)", () => {
    const { doc, ids, peer, undo } = session("a", "b", "c");
    deleteCell(doc, ids[0]!, me);
    moveCell(peer, ids[0]!, 2, them);
    setCellType(peer, ids[0]!, "markdown", them);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(doc)), REMOTE);
    undo.undo();
    exchange(doc, peer);
    const cell = snapshotNotebook(doc).cells.find((c) => c.id === ids[0]);
    expect(cell).toMatchObject({ type: "code", source: "a" });
    expect(cell!.position).not.toBe("");
    expect(snapshotNotebook(peer)).toEqual(snapshotNotebook(doc));
  });

  it("keeps a cell's position when the winner of two concurrent moves undoes (yjs#514)", () => {
    const { doc, ids, peer, undo } = session("a", "b", "c");
    const before = snapshotNotebook(doc);
    doc.clientID = 2; // larger client id: my concurrent write wins
    peer.clientID = 1;
    moveCell(doc, ids[0]!, 2, me);
    moveCell(peer, ids[0]!, 1, them);
    exchange(doc, peer);
    undo.undo();
    exchange(doc, peer);
    expect(snapshotNotebook(doc)).toEqual(before);
    expect(snapshotNotebook(peer)).toEqual(before);
  });
});

describe("undo never takes a collaborator's text with a cell", () => {
  it("undoing my insert of a cell they typed in keeps the cell and their text, and says so", () => {
    const { doc, ids, peer, undo } = session("a");
    type(doc, ids[0]!, 1, "!");
    const id = insertCell(doc, { type: "code", source: "", at: 1 }, me);
    exchange(doc, peer);
    type(peer, id, 0, "their work", them);
    exchange(doc, peer);
    expect(undo.undo()).toBe(true);
    // Only that step: my typing before it stays (one press, one step).
    expect(sources(doc)).toEqual(["a!", "their work"]);
    expect(undo.canUndo()).toBe(true);
    expect(undo.keptByLastStep()).toEqual([id]);
    exchange(doc, peer);
    expect(sources(peer)).toEqual(["a!", "their work"]);
    // The cell is whole: typed into, moved and run like any other.
    type(doc, id, 0, "# ");
    expect(sources(doc)[1]).toBe("# their work");
    expect(snapshotNotebook(doc).cells[1]).toMatchObject({ id, type: "code" });
    undo.stopCapturing();
    undo.undo(); // "# "
    undo.undo(); // "!"
    expect(sources(doc)).toEqual(["a", "their work"]);
  });

  it("still takes back my own text in that cell, and a cell nobody else touched as before", () => {
    const { doc, peer, undo } = session("a");
    const theirs = insertCell(doc, { type: "code", source: "", at: 1 }, me);
    const mine = insertCell(doc, { type: "code", source: "", at: 2 }, me);
    exchange(doc, peer);
    type(peer, theirs, 0, "theirs", them);
    exchange(doc, peer);
    type(doc, theirs, 6, " and mine");
    undo.stopCapturing();
    expect(sources(doc)).toEqual(["a", "theirs and mine", ""]);
    undo.undo(); // my typing
    expect(sources(doc)).toEqual(["a", "theirs", ""]);
    undo.undo(); // my second insert: nobody else wrote in it
    expect(cellOrder(doc)).not.toContain(mine);
    expect(undo.keptByLastStep()).toEqual([]);
    undo.undo(); // my first insert: kept for their text
    expect(sources(doc)).toEqual(["a", "theirs"]);
    expect(undo.keptByLastStep()).toEqual([theirs]);
  });

  it("a redo that would delete a cell they typed in since keeps it too", () => {
    const { doc, ids, peer, undo } = session("a", "b");
    deleteCell(doc, ids[1]!, me);
    undo.undo();
    exchange(doc, peer);
    type(peer, ids[1]!, 1, " and theirs", them);
    exchange(doc, peer);
    expect(undo.redo()).toBe(true);
    expect(sources(doc)).toEqual(["a", "b and theirs"]);
    expect(undo.keptByLastStep()).toEqual([ids[1]]);
  });
});

describe("the wrapper", () => {
  it("notifies subscribers when undo or redo availability changes, until they unsubscribe", () => {
    const { doc, undo } = session("a");
    const seen: [boolean, boolean][] = [];
    const unsubscribe = undo.subscribe(() => seen.push([undo.canUndo(), undo.canRedo()]));
    insertCell(doc, { type: "code" }, me);
    undo.undo();
    undo.redo();
    unsubscribe();
    insertCell(doc, { type: "code" }, me);
    expect(seen).toEqual([
      [true, false],
      [false, true],
      [true, false],
    ]);
  });

  it("stops tracking on dispose, and dispose is safe to call twice", () => {
    const { doc, undo } = session("a");
    insertCell(doc, { type: "code" }, me);
    undo.dispose();
    undo.dispose();
    expect(undo.canUndo()).toBe(false);
    expect(undo.undo()).toBe(false);
    insertCell(doc, { type: "code" }, me);
    expect(undo.yUndoManager.undoStack).toHaveLength(0);
    expect(cellOrder(doc)).toHaveLength(3);
  });
});
