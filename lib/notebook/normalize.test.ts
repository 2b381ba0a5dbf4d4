import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import {
  SYSTEM,
  cellOrder,
  cellSourceText,
  createUndoManager,
  deleteCell,
  getCellMap,
  incompleteCells,
  insertCell,
  moveCell,
  repairCells,
  setCellType,
  snapshotNotebook,
  userOrigin,
  type CellId,
  type Origin,
} from "./index";
import { cellsMap } from "./schema";

const me = userOrigin("me");
const them = userOrigin("them");
const REMOTE: Origin = { kind: "remote" };

/**
 * My document in a gap: a collaborator typed (update 1), then changed cell `b` (update 2), and
 * update 2 reached me first. Yjs applied its deletion of b's old value at once, but holds its new
 * value back until update 1 arrives, so b lacks that field for now.
 */
function gap(change: (peer: Y.Doc, b: CellId) => void) {
  const doc = new Y.Doc();
  const [a, b, c] = ["a", "b", "c"].map((source) => insertCell(doc, { type: "code", source }, me)) as [CellId, CellId, CellId];
  const peer = new Y.Doc();
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
  const updates: Uint8Array[] = [];
  peer.on("update", (update: Uint8Array) => updates.push(update));
  peer.transact(() => cellSourceText(getCellMap(peer, a)!).insert(0, "# "), them);
  change(peer, b);
  Y.applyUpdate(doc, updates[1]!, REMOTE);
  const deliverRest = () => Y.applyUpdate(doc, updates[0]!, REMOTE);
  return { doc, a, b, c, deliverRest };
}

describe("gaps while an out-of-order update is pending", () => {
  it("shows a cell without its position first, lets commands work around it, and heals on delivery", () => {
    const { doc, a, b, c, deliverRest } = gap((peer, b) => moveCell(peer, b, 2, them));
    expect(incompleteCells(doc)).toEqual([b]);
    expect(cellOrder(doc)).toEqual([b, a, c]);
    const inserted = insertCell(doc, { type: "code", at: 1 }, me);
    expect(cellOrder(doc)).toEqual([b, inserted, a, c]);
    deliverRest();
    expect(incompleteCells(doc)).toEqual([]);
    expect(cellOrder(doc)).toEqual([inserted, a, c, b]);
  });

  it("repairs nothing by itself: writing a default would compete with the pending value", () => {
    const { doc, b } = gap((peer, b) => setCellType(peer, b, "markdown", them));
    expect(incompleteCells(doc)).toEqual([b]);
    expect(snapshotNotebook(doc).cells.find((cell) => cell.id === b)!.type).toBe("raw");
  });
});

describe("repair after an undo", () => {
  it("completes a cell that was deleted during a gap and brought back by undo", () => {
    const { doc, a, b, c, deliverRest } = gap((peer, b) => moveCell(peer, b, 2, them));
    const undo = createUndoManager(doc, me);
    deleteCell(doc, b, me);
    expect(undo.undo()).toBe(true);
    // The restored cell keeps the place it was shown at (first), now with a real position.
    expect(incompleteCells(doc)).toEqual([]);
    expect(cellOrder(doc)).toEqual([b, a, c]);
    deliverRest();
    expect(incompleteCells(doc)).toEqual([]);
    expect(snapshotNotebook(doc).cells.map((cell) => cell.source)).toEqual(["b", "# a", "c"]);
  });

  it("leaves a plain Y.UndoManager's restored cell incomplete for good (why the repair exists)", () => {
    const { doc, b, deliverRest } = gap((peer, b) => moveCell(peer, b, 2, them));
    const plain = new Y.UndoManager([cellsMap(doc)], { trackedOrigins: new Set([me]) });
    deleteCell(doc, b, me);
    plain.undo();
    deliverRest();
    expect(incompleteCells(doc)).toEqual([b]);
  });
});

describe("repairCells", () => {
  it("places unplaced cells before the others in the order shown, under the system origin", () => {
    const { doc, a, b, c } = gap((peer, b) => moveCell(peer, b, 2, them));
    const origins: unknown[] = [];
    doc.on("afterTransaction", (tr: Y.Transaction) => origins.push(tr.origin));
    expect(repairCells(doc, [a, b, c])).toEqual([b]);
    expect(origins).toEqual([SYSTEM]);
    expect(cellOrder(doc)).toEqual([b, a, c]);
    expect(incompleteCells(doc)).toEqual([]);
  });

  it("gives a typeless cell the code type if it still has outputs, raw otherwise", () => {
    const doc = new Y.Doc();
    const code = insertCell(doc, { type: "code" }, me);
    const md = insertCell(doc, { type: "markdown" }, me);
    // A malformed document (the keys are schema.ts's; only a test reaches past it like this).
    getCellMap(doc, code)!.delete("type");
    getCellMap(doc, md)!.delete("type");
    expect(incompleteCells(doc)).toEqual([code, md]);
    repairCells(doc, [code, md]);
    expect(snapshotNotebook(doc).cells.map((cell) => cell.type)).toEqual(["code", "raw"]);
  });

  it("gives a code cell without an outputs array a new one, so the kernel can write to it", () => {
    const doc = new Y.Doc();
    const id = insertCell(doc, { type: "code" }, me);
    getCellMap(doc, id)!.delete("outputs");
    expect(incompleteCells(doc)).toEqual([id]);
    expect(repairCells(doc, [id])).toEqual([id]);
    expect(incompleteCells(doc)).toEqual([]);
  });
});
