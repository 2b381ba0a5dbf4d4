import { describe, expect, it } from "vitest";
import type { CellId } from "../notebook/ids";
import { sourceHash, type ExecutionRecord, type ExecutionStatus } from "../notebook/execution";
import type { JsonObject } from "../util/json";
import type { PlanCell } from "./catch-up";
import { missingName, replayOutcome, whoDefines } from "./name-hint";

const id = (n: number) => `cell-${n}` as CellId;

function ran(source: string | null, at: number, by = "Ada", status: ExecutionStatus = "ok"): ExecutionRecord {
  return {
    runId: `r${at}-${by}`,
    by: { name: by, color: "#aa00aa" },
    startedAt: `2026-12-01T10:00:${String(at).padStart(2, "0")}.000Z`,
    finishedAt: null,
    status,
    executionCount: at,
    python: "3.14.0",
    sourceHash: sourceHash(source ?? ""),
    source,
    inputs: [],
  };
}

const code = (n: number, source: string, execution?: ExecutionRecord): PlanCell => ({ id: id(n), type: "code", source, execution });
const error = (ename: string, evalue: string): JsonObject => ({ output_type: "error", ename, evalue, traceback: [] });

describe("the name a NameError is about", () => {
  it.each([
    ["name 'x' is not defined", "x"],
    ["name 'totl' is not defined. Did you mean: 'total'?", "totl"],
    ["name 'math' is not defined. Did you forget to import 'math'?", "math"],
    ["name 'größe' is not defined", "größe"],
  ])("reads %j", (evalue, name) => {
    expect(missingName([{ output_type: "stream", name: "stdout", text: "hi\n" }, error("NameError", evalue)])).toBe(name);
  });

  it.each([
    ["no error", [{ output_type: "stream", name: "stdout", text: "name 'x' is not defined" }]],
    ["another error", [error("ZeroDivisionError", "division by zero")]],
    ["a free variable", [error("NameError", "cannot access free variable 'x' where it is not associated with a value in enclosing scope")]],
    ["a local", [error("UnboundLocalError", "cannot access local variable 'x' where it is not associated with a value")]],
    ["a malformed value", [error("NameError", "name 'not a name' is not defined")]],
    ["a missing value", [{ output_type: "error", ename: "NameError", traceback: [] }]],
  ])("finds none in %s", (_what, outputs) => {
    expect(missingName(outputs as JsonObject[])).toBeNull();
  });
});

describe("who defines a missing name", () => {
  const none = new Map<CellId, string>();

  it("finds the cell someone else ran that binds the name, numbered as the notebook shows it", () => {
    const cells: PlanCell[] = [
      { id: id(1), type: "markdown", source: "x = 1", execution: undefined },
      code(2, "y = 2", ran("y = 2", 1)),
      code(3, "x = 42", ran("x = 42", 2, "Ada")),
      code(4, "print(x)", ran("print(x)", 3, "Grace", "error")),
    ];
    expect(whoDefines("x", cells, { ranHere: none, asking: id(4) })).toEqual({ id: id(3), cell: 3, by: { name: "Ada", color: "#aa00aa" }, mine: false });
  });

  it("reads the source the run read, not the cell's edits since", () => {
    const cells = [code(1, "y = 1", ran("x = 1", 1))];
    expect(whoDefines("x", cells, { ranHere: none })?.cell).toBe(1);
    expect(whoDefines("y", cells, { ranHere: none })).toBeNull();
    // A record from before sources were kept: the cell's source stands in.
    expect(whoDefines("x", [code(1, "x = 1", ran(null, 1))], { ranHere: none })?.cell).toBe(1);
  });

  it("says nothing when this Python has run that source: the name is missing for another reason", () => {
    const cells = [code(1, "x = 1", ran("x = 1", 1))];
    expect(whoDefines("x", cells, { ranHere: new Map([[id(1), sourceHash("x = 1")]]) })).toBeNull();
    // An older version ran here does not count.
    expect(whoDefines("x", cells, { ranHere: new Map([[id(1), sourceHash("x = 0")]]) })?.cell).toBe(1);
  });

  it("skips cells never run, runs stopped or still going, and the asking cell itself", () => {
    const cells = [
      code(1, "x = 1"),
      code(2, "x = 2", ran("x = 2", 1, "Ada", "interrupted")),
      code(3, "x = 3", ran("x = 3", 2, "Ada", "running")),
      code(4, "print(x); x = 4", ran("print(x); x = 4", 3, "Me", "error")),
    ];
    expect(whoDefines("x", cells, { ranHere: none, asking: id(4) })).toBeNull();
  });

  it("counts a run that errored after binding the name (catch up replays it)", () => {
    const cells = [code(1, "x = 1\n1 / 0", ran("x = 1\n1 / 0", 1, "Ada", "error"))];
    expect(whoDefines("x", cells, { ranHere: none })?.cell).toBe(1);
  });

  it("does not take a name in a string, a comment, an attribute or a function body for a definition", () => {
    const cells = [
      code(1, "s = 'x = 1'  # x = 2", ran("s = 'x = 1'  # x = 2", 1)),
      code(2, "a.x = 1", ran("a.x = 1", 2)),
      code(3, "def f():\n    x = 1", ran("def f():\n    x = 1", 3)),
    ];
    expect(whoDefines("x", cells, { ranHere: none })).toBeNull();
  });

  it("prefers the latest run by someone else, then a run of mine from before a restart", () => {
    const mine = (r: ExecutionRecord) => r.by.name === "Me";
    const cells = [
      code(1, "x = 1", ran("x = 1", 1, "Ada")),
      code(2, "x = 2", ran("x = 2", 5, "Grace")),
      code(3, "x = 3", ran("x = 3", 9, "Me")),
    ];
    expect(whoDefines("x", cells, { ranHere: none, mine })).toMatchObject({ cell: 2, by: { name: "Grace" }, mine: false });
    expect(whoDefines("x", [cells[2]!], { ranHere: none, mine })).toMatchObject({ id: id(3), by: { name: "Me" }, mine: true });
  });

  it("finds nothing when no run binds the name", () => {
    expect(whoDefines("x", [code(1, "y = 1", ran("y = 1", 1))], { ranHere: none })).toBeNull();
    expect(whoDefines("x", [], { ranHere: none })).toBeNull();
  });
});

describe("how the catch up a hint asked for went", () => {
  it("is done when the replay ended as its author's run did, failed when not, and pending before", () => {
    expect(replayOutcome({ state: "ok", replay: true }, "ok")).toBe("done");
    expect(replayOutcome({ state: "error", replay: true }, "error")).toBe("done");
    expect(replayOutcome({ state: "error", replay: true }, "ok")).toBe("failed");
    expect(replayOutcome({ state: "interrupted", replay: true }, "ok")).toBe("failed");
    expect(replayOutcome({ state: "queued", replay: true }, "ok")).toBeNull();
    expect(replayOutcome({ state: "running", replay: true }, "ok")).toBeNull();
    expect(replayOutcome(undefined, "ok")).toBeNull();
    // A run of the cell itself (not the catch up's replay) writes outputs: not what the hint asked for.
    expect(replayOutcome({ state: "ok", replay: false }, "ok")).toBeNull();
  });
});
