import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { checkPoints, checkResults, isEditable, maxPointsOf, readCheck, setCellCheck } from "./checks";
import { insertCell } from "./commands";
import { sourceHash, type ExecutionRecord } from "./execution";
import { userOrigin } from "./origins";
import { snapshotNotebook } from "./selectors";

const me = userOrigin("me");
const record = (status: ExecutionRecord["status"]): ExecutionRecord => ({
  runId: "r",
  by: { name: "Ada", color: "#aa00aa" },
  startedAt: "2026-12-01T10:00:00.000Z",
  finishedAt: status === "running" ? null : "2026-12-01T10:00:01.000Z",
  status,
  executionCount: 1,
  python: "3.14.0",
  sourceHash: "x",
  source: null,
});

describe("check marks", () => {
  it("marks, re-marks and unmarks a cell, keeping its other metadata", () => {
    const doc = new Y.Doc();
    const id = insertCell(doc, { type: "code", source: "assert True", metadata: { tags: ["a"], tandem: { exercise: true } } }, me);
    const meta = () => snapshotNotebook(doc).cells[0]!.metadata;
    expect(setCellCheck(doc, id, { hidden: true }, me)).toBe(true);
    expect(readCheck(meta())).toEqual({ hidden: true });
    expect(meta()).toMatchObject({ tags: ["a"], tandem: { exercise: true, check: { hidden: true } } });
    setCellCheck(doc, id, { hidden: false }, me);
    expect(readCheck(meta())).toEqual({ hidden: false });
    setCellCheck(doc, id, null, me);
    expect(readCheck(meta())).toBeNull();
    expect(meta()).toEqual({ tags: ["a"], tandem: { exercise: true } });
  });

  it("keeps a check's points, 1 when none are given (and 1 is not written)", () => {
    const doc = new Y.Doc();
    const id = insertCell(doc, { type: "code", source: "assert True" }, me);
    const meta = () => snapshotNotebook(doc).cells[0]!.metadata;
    setCellCheck(doc, id, { hidden: false, points: 2.5 }, me);
    expect(meta()).toEqual({ tandem: { check: { hidden: false, points: 2.5 } } });
    expect(checkPoints(readCheck(meta())!)).toBe(2.5);
    setCellCheck(doc, id, { hidden: true, points: 1 }, me);
    expect(meta()).toEqual({ tandem: { check: { hidden: true } } });
    expect(checkPoints(readCheck(meta())!)).toBe(1);
    // Out of bounds, the mark is malformed: not a check.
    expect(readCheck({ tandem: { check: { hidden: false, points: -1 } } })).toBeNull();
    expect(readCheck({ tandem: { check: { hidden: false, points: 1000 } } })).toEqual({ hidden: false, points: 1000 });
    // An assignment is out of its checks' points; old specs without points count 1 each.
    expect(maxPointsOf([{ cellId: "a", hidden: false, sourceHash: "x" }, { cellId: "b", hidden: true, sourceHash: "y", points: 0.2 }, { cellId: "c", hidden: false, sourceHash: "z", points: 0.1 }])).toBe(1.3);
  });

  it("reads malformed marks as none, and honours nbformat's editable flag", () => {
    expect(readCheck({ tandem: { check: { hidden: "yes" } } })).toBeNull();
    expect(readCheck({})).toBeNull();
    expect(isEditable({ editable: false })).toBe(false);
    expect(isEditable({})).toBe(true);
  });
});

describe("check results", () => {
  const specs = [
    { cellId: "a", hidden: false, sourceHash: sourceHash("assert f(1) == 2") },
    { cellId: "b", hidden: true, sourceHash: sourceHash("assert secret") },
    { cellId: "c", hidden: false, sourceHash: sourceHash("assert g()") },
    { cellId: "gone", hidden: false, sourceHash: sourceHash("") },
  ];

  it("reads each check's last run: passed, failed, running, not run; and a visible check's changed code", () => {
    const results = checkResults(
      [
        { id: "a", source: "assert f(1) == 2", execution: record("ok") },
        { id: "b", source: "", execution: record("error") },
        { id: "c", source: "assert True  # edited", execution: record("running") },
      ],
      specs,
    );
    expect(results.map((r) => [r.cellId, r.state, r.changed])).toEqual([
      ["a", "passed", false],
      ["b", "failed", false],
      ["c", "running", true],
      ["gone", "not_run", false],
    ]);
    expect(results[0]).toMatchObject({ by: "Ada", at: "2026-12-01T10:00:01.000Z" });
  });

  it("counts an interrupted check as failed", () => {
    expect(checkResults([{ id: "a", source: "assert f(1) == 2", execution: record("interrupted") }], specs.slice(0, 1))[0]!.state).toBe("failed");
  });
});
