/**
 * Readers are total: a document stored before the room's guard existed (built here with raw Y
 * calls, as an old update could have made it) reads with its bad parts skipped or repaired,
 * through every reader the page, export, fork and storage use.
 */
import * as Y from "yjs";
import { describe, expect, it, vi } from "vitest";
import { cellOrder, cellSourceText, insertCell, ipynbFromDocument, snapshotNotebook, userOrigin, type CellId } from "@/lib/notebook";
import { cellsMap, metaMap } from "@/lib/notebook/schema";
import { materializeDocument, documentFromStored } from "@/lib/server/documents/materialize";

function malformed(): Y.Doc {
  const doc = new Y.Doc();
  const good = insertCell(doc, { type: "code", source: "print('fine')" }, userOrigin("test"));
  doc.transact(() => {
    const cells = cellsMap(doc);
    cells.set("number" as CellId, 42 as never);
    cells.set("text" as CellId, new Y.Text("a text where a cell should be") as never);
    const noSource = new Y.Map<unknown>();
    noSource.set("type", "code");
    noSource.set("position", "b");
    cells.set("nosource" as CellId, noSource as never);
    const plain = new Y.Map<unknown>();
    for (const [k, v] of Object.entries({ id: "plain", type: "markdown", position: "c", source: "a plain string source", metadata: ["not", "an", "object"] })) plain.set(k, v);
    cells.set("plain" as CellId, plain as never);
    const badOutputs = new Y.Map<unknown>();
    badOutputs.set("id", "someone-else");
    badOutputs.set("type", "code");
    badOutputs.set("position", "d");
    badOutputs.set("source", new Y.Text("x"));
    const outputs = new Y.Array<unknown>();
    outputs.push([7, "str", { output_type: "stream", name: "stdout", text: 12 }, { output_type: "stream", name: "stdout", text: "ok\n" }, new Y.Map()]);
    badOutputs.set("outputs", outputs);
    badOutputs.set("attachments", { "a.png": "not a bundle" });
    cells.set("badoutputs" as CellId, badOutputs as never);
    metaMap(doc).set("metadata", "not an object");
  });
  expect(cellsMap(doc).has(good)).toBe(true);
  return doc;
}

describe("a malformed stored document", () => {
  it("reads without throwing, skipping what is no cell and repairing what it can", () => {
    const doc = documentFromStored(Y.encodeStateAsUpdate(malformed()));
    const snapshot = snapshotNotebook(doc);
    expect(snapshot.metadata).toEqual({});
    expect(snapshot.cells.map((c) => [c.id, c.source])).toEqual([
      [snapshot.cells[0]!.id, "print('fine')"],
      ["nosource", ""],
      ["plain", "a plain string source"],
      ["badoutputs", "x"],
    ]);
    expect(snapshot.cells.find((c) => c.id === "plain")!.metadata).toEqual({});
    expect(snapshot.cells.find((c) => c.id === "badoutputs")!.outputs).toHaveLength(2);
    expect(cellOrder(doc)).toHaveLength(4);
    expect(cellSourceText(cellsMap(doc).get("nosource" as CellId)!).toString()).toBe("");
  });

  it("exports and materializes, leaving out what does not convert, and says so on the server", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const doc = malformed();
      const ipynb = ipynbFromDocument(doc);
      const cell = ipynb.cells.find((c) => c.id === "badoutputs")!;
      expect(cell.cell_type === "code" && cell.outputs).toEqual([{ output_type: "stream", name: "stdout", text: ["ok\n"] }]);
      const data = materializeDocument(doc);
      expect(data.cellCount).toBe(4);
      expect(data.searchText).toContain("a plain string source");
      expect(warn).toHaveBeenCalledWith(expect.stringContaining("cell number is not a map"));
    } finally {
      warn.mockRestore();
    }
  });
});
