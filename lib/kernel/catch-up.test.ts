import { describe, expect, it } from "vitest";
import type { CellId } from "../notebook/ids";
import { sourceHash, type ExecutionRecord, type ExecutionStatus, type InputAnswer } from "../notebook/execution";
import { planCatchUp, skipWords, type PlanCell } from "./catch-up";

const id = (n: number) => `cell-${n}` as CellId;

function ran(source: string, status: ExecutionStatus, at: number, by = "Ada", inputs: InputAnswer[] | null = []): ExecutionRecord {
  return {
    runId: `r${at}`,
    by: { name: by, color: "#aa00aa" },
    startedAt: `2026-12-01T10:00:${String(at).padStart(2, "0")}.000Z`,
    finishedAt: null,
    status,
    executionCount: at,
    python: "3.14.0",
    sourceHash: sourceHash(source),
    source,
    inputs,
  };
}

const code = (n: number, source: string, execution?: ExecutionRecord): PlanCell => ({ id: id(n), type: "code", source, execution });

describe("the catch-up planner", () => {
  it("replays in the order the runs happened, errors included (expected), and skips interrupted, running and never-run cells", () => {
    const cells: PlanCell[] = [
      code(1, "import math", ran("import math", "ok", 5)),
      { id: id(2), type: "markdown", source: "# notes", execution: undefined },
      code(3, "math.sqrt(-1)", ran("math.sqrt(-1)", "error", 1)),
      code(4, "while True: pass", ran("while True: pass", "interrupted", 2)),
      code(5, "name = input()", ran("name = input()", "ok", 3, "Grace", [{ answer: "Ada", private: false }])),
      code(6, "slow()", ran("slow()", "running", 9, "Grace")),
      code(7, "x = 1"),
      code(8, ""),
    ];
    const plan = planCatchUp(cells, new Map());
    expect(plan.replay.map((s) => [s.cell, s.expect])).toEqual([
      [3, "error"],
      [5, "ok"],
      [1, "ok"],
    ]);
    expect(plan.replay[1]).toMatchObject({ by: "Grace", code: "name = input()", answers: [{ answer: "Ada", private: false }], asks: false });
    expect(plan.skipped).toEqual([
      { id: id(4), cell: 4, reason: "interrupted", by: "Ada" },
      { id: id(6), cell: 6, reason: "running", by: "Grace" },
      { id: id(7), cell: 7, reason: "never-run", by: null },
    ]);
    expect(plan.skipped.map(skipWords)).toEqual(["Ada stopped it", "Grace is still running it", "nobody has run it"]);
  });

  it("replays an interrupted run only when asked explicitly, never one still running", () => {
    const cells = [code(1, "loop()", ran("loop()", "interrupted", 1)), code(2, "slow()", ran("slow()", "running", 2))];
    const plan = planCatchUp(cells, new Map(), { includeInterrupted: true });
    expect(plan.replay.map((s) => [s.cell, s.expect])).toEqual([[1, "interrupted"]]);
    expect(plan.skipped.map((s) => s.reason)).toEqual(["running"]);
  });

  it("leaves alone what this Python has run on the same source, and replays the source the run read", () => {
    const cells = [code(1, "x = 100", ran("x = 1", "ok", 1)), code(2, "y = 2", ran("y = 2", "ok", 2))];
    const plan = planCatchUp(cells, new Map([[id(2), sourceHash("y = 2")], [id(1), sourceHash("x = 100")]]));
    expect(plan.replay.map((s) => s.code)).toEqual(["x = 1"]);
    expect(plan.upToDate).toBe(1);
  });

  it("asks the person for a run whose author kept an answer private; an unknown record gives no answers", () => {
    const cells = [
      code(1, "pw = getpass()", ran("pw = getpass()", "ok", 1, "Ada", [{ answer: null, private: true }])),
      code(2, "old = input()", ran("old = input()", "ok", 2, "Ada", null)),
    ];
    const plan = planCatchUp(cells, new Map());
    expect(plan.replay.map((s) => s.asks)).toEqual([true, false]);
    expect(plan.replay[1]!.answers).toBeNull();
  });
});
