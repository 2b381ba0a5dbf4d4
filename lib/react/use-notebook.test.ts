import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { deleteCell, insertCell, moveCell, setCellType, setNotebookMetadata } from "../notebook/commands";
import { LOAD, userOrigin } from "../notebook/origins";
import { cellSourceText, getCellMap } from "../notebook/schema";
import { notebookSnapshotStore } from "./use-notebook";

const me = userOrigin("me");

function setup(count: number) {
  const doc = new Y.Doc();
  const ids = Array.from({ length: count }, (_, i) => insertCell(doc, { type: "code", source: `x = ${i}` }, LOAD));
  const store = notebookSnapshotStore(doc);
  let notified = 0;
  const unsubscribe = store.subscribe(() => notified++);
  return { doc, ids, store, unsubscribe, notified: () => notified };
}

describe("notebook snapshot store", () => {
  it("gives new snapshots only to the cells a change touched", () => {
    const { doc, ids, store, notified } = setup(5);
    const before = store.get();
    expect(store.get()).toBe(before);
    doc.transact(() => cellSourceText(getCellMap(doc, ids[2]!)!).insert(0, "# "), me);
    expect(notified()).toBe(1);
    const after = store.get();
    expect(after.cells[2]!.source).toBe("# x = 2");
    after.cells.forEach((cell, i) => (i === 2 ? expect(cell).not.toBe(before.cells[i]) : expect(cell).toBe(before.cells[i])));
  });

  it("keeps the id list while cells only change, and serves each cell by id", () => {
    const { doc, ids, store } = setup(3);
    const order = store.ids();
    expect(order).toEqual(ids);
    const untouched = store.cell(ids[0]!);
    doc.transact(() => cellSourceText(getCellMap(doc, ids[1]!)!).insert(0, "!"), me);
    expect(store.ids()).toBe(order);
    expect(store.cell(ids[0]!)).toBe(untouched);
    expect(store.cell(ids[1]!)!.source).toBe("!x = 1");
    moveCell(doc, ids[0]!, 2, me);
    expect(store.ids()).toEqual([ids[1], ids[2], ids[0]]);
    deleteCell(doc, ids[2]!, me);
    expect(store.cell(ids[2]!)).toBeUndefined();
  });

  it("follows inserts, moves, deletes and type changes, and keeps the cell list when only metadata changes", () => {
    const { doc, ids, store } = setup(3);
    const added = insertCell(doc, { type: "markdown", source: "hi", at: 1 }, me);
    expect(store.get().cells.map((c) => c.id)).toEqual([ids[0], added, ids[1], ids[2]]);
    moveCell(doc, ids[2]!, 0, me);
    expect(store.get().cells.map((c) => c.id)).toEqual([ids[2], ids[0], added, ids[1]]);
    deleteCell(doc, added, me);
    setCellType(doc, ids[0]!, "raw", me);
    const snapshot = store.get();
    expect(snapshot.cells.map((c) => [c.id, c.type])).toEqual([[ids[2], "code"], [ids[0], "raw"], [ids[1], "code"]]);
    setNotebookMetadata(doc, { title: "t" }, me);
    const withMeta = store.get();
    expect(withMeta.metadata).toEqual({ title: "t" });
    expect(withMeta.cells).toBe(snapshot.cells);
  });

  it("re-reads everything after a time without listeners", () => {
    const { doc, ids, store, unsubscribe } = setup(2);
    store.get();
    unsubscribe();
    doc.transact(() => cellSourceText(getCellMap(doc, ids[0]!)!).insert(0, "y"), me);
    store.subscribe(() => {});
    expect(store.get().cells[0]!.source).toBe("yx = 0");
  });
});
