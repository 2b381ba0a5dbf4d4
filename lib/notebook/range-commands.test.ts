import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { insertCell, setOutputs } from "./commands";
import { clearCellsOutputs, deleteCells, moveCellsBy, setCellsType } from "./range-commands";
import { KERNEL, userOrigin } from "./origins";
import { snapshotNotebook } from "./selectors";
import { createUndoManager } from "./undo";
import type { CellId } from "./ids";
import { appendOutputs, finishRun, startRun } from "./run-commands";
import { sourceHash } from "./execution";

const me = userOrigin("range-test");

function notebook(...sources: string[]): { doc: Y.Doc; ids: CellId[] } {
  const doc = new Y.Doc();
  return { doc, ids: sources.map((source) => insertCell(doc, { type: "code", source }, me)) };
}
const sources = (doc: Y.Doc) => snapshotNotebook(doc).cells.map((c) => c.source);

describe("commands on a selection", () => {
  it("deletes several cells as one undo step, skipping the gone", () => {
    const { doc, ids } = notebook("a", "b", "c", "d");
    const undo = createUndoManager(doc, me);
    expect(deleteCells(doc, [ids[1]!, ids[2]!, "gone" as CellId], me)).toBe(2);
    expect(sources(doc)).toEqual(["a", "d"]);
    undo.undo();
    expect(sources(doc)).toEqual(["a", "b", "c", "d"]);
  });

  it("moves a block up and down, and not past the edges", () => {
    const { doc, ids } = notebook("a", "b", "c", "d");
    expect(moveCellsBy(doc, [ids[2]!, ids[1]!], "up", me)).toBe(true);
    expect(sources(doc)).toEqual(["b", "c", "a", "d"]);
    expect(moveCellsBy(doc, [ids[1]!, ids[2]!], "up", me)).toBe(false);
    expect(moveCellsBy(doc, [ids[1]!, ids[2]!], "down", me)).toBe(true);
    expect(moveCellsBy(doc, [ids[1]!, ids[2]!], "down", me)).toBe(true);
    expect(sources(doc)).toEqual(["a", "d", "b", "c"]);
    expect(moveCellsBy(doc, [ids[1]!, ids[2]!], "down", me)).toBe(false);
  });

  it("changes types of all, one step", () => {
    const { doc, ids } = notebook("a", "b", "c");
    const undo = createUndoManager(doc, me);
    expect(setCellsType(doc, ids.slice(0, 2), "markdown", me)).toBe(2);
    expect(snapshotNotebook(doc).cells.map((c) => c.type)).toEqual(["markdown", "markdown", "code"]);
    undo.undo();
    expect(snapshotNotebook(doc).cells.map((c) => c.type)).toEqual(["code", "code", "code"]);
  });

  it("clears kernel-written outputs of a selection or of all cells, as one undoable step", () => {
    const { doc, ids } = notebook("a", "b", "c");
    ids.forEach((id, i) => setOutputs(doc, id, [{ output_type: "stream", name: "stdout", text: `${i}` }], i + 1, KERNEL));
    const undo = createUndoManager(doc, me);
    expect(clearCellsOutputs(doc, [ids[0]!], me)).toEqual([ids[0]]);
    expect(snapshotNotebook(doc).cells.map((c) => c.outputs.length)).toEqual([0, 1, 1]);
    expect(new Set(clearCellsOutputs(doc, "all", me))).toEqual(new Set([ids[1], ids[2]]));
    expect(snapshotNotebook(doc).cells.map((c) => c.outputs.length)).toEqual([0, 0, 0]);
    expect(undo.undo()).toBe(true);
    expect(snapshotNotebook(doc).cells.map((c) => [c.outputs.length, c.executionCount])).toEqual([[0, null], [1, 2], [1, 3]]);
  });
});

describe("undoing a clear after a new run", () => {
  it("keeps the new run's outputs, record and count; redo keeps them too", () => {
    const { doc, ids } = notebook("print(1)");
    const id = ids[0]!;
    const run = (runId: string) => ({
      runId,
      by: { name: "Ada", color: "#123456" },
      startedAt: "2026-12-01T10:00:00.000Z",
      finishedAt: null,
      status: "running" as const,
      executionCount: null,
      python: "3.14",
      sourceHash: sourceHash("print(1)"),
      source: "print(1)",
    });
    const finish = (n: number) => ({ status: "ok" as const, executionCount: n, finishedAt: "2026-12-01T10:00:01.000Z" });
    startRun(doc, id, run("r1"), KERNEL);
    appendOutputs(doc, id, "r1", [{ output_type: "stream", name: "stdout", text: "old" }], KERNEL);
    finishRun(doc, id, "r1", finish(1), KERNEL);
    const undo = createUndoManager(doc, me);
    clearCellsOutputs(doc, [id], me);
    startRun(doc, id, run("r2"), KERNEL);
    appendOutputs(doc, id, "r2", [{ output_type: "stream", name: "stdout", text: "new" }], KERNEL);
    finishRun(doc, id, "r2", finish(2), KERNEL);
    const now = () => snapshotNotebook(doc).cells[0]!;
    const expectNewRun = () => {
      expect(now().outputs.map((o) => o.text)).toEqual(["new"]);
      expect(now().executionCount).toBe(2);
      expect(now().execution?.runId).toBe("r2");
    };
    expectNewRun();
    undo.undo();
    expectNewRun();
    undo.redo();
    expectNewRun();
  });
});
