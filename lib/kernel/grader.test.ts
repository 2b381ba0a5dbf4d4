import { describe, expect, it } from "vitest";
import type { KernelClient, KernelStatus, RunOutcome } from "./client";
import { gradeCopy } from "./grader";
import type { InputRequestMessage, RunEvent } from "./protocol";
import { createStore } from "../util/store";

/** A kernel that answers each run from a script: what it outputs, how it ends, or never. */
function scriptedKernel(answer: (code: string) => { error?: string; outcome?: RunOutcome; hang?: boolean }) {
  const status = createStore<KernelStatus>({ phase: "idle", info: { python: "3.14.2", pyodide: "314.0.7", interruptible: true, start: "restored" }, notice: null });
  const ran: string[] = [];
  let stop: (() => void) | null = null;
  const kernel: KernelClient = {
    status,
    run(code: string, _filename: string, onEvent: (event: RunEvent | InputRequestMessage) => void) {
      ran.push(code);
      const { error, outcome = error ? "error" : "ok", hang } = answer(code);
      if (error) onEvent({ type: "error", runId: "r", ename: error.split(":")[0]!, evalue: error.split(": ")[1] ?? "", traceback: [] });
      if (!hang) return Promise.resolve(outcome);
      return new Promise<RunOutcome>((resolve) => (stop = () => resolve("interrupted")));
    },
    interrupt: () => stop?.(),
    restart() {},
    answerInput() {},
    dispose() {},
  };
  return { kernel, ran };
}

const CELLS = [
  { id: "intro", type: "markdown", source: "# Squares" },
  { id: "work", type: "code", source: "def square(x): return x * x" },
  { id: "visible", type: "code", source: "assert square(3) == 9" },
  { id: "hidden", type: "code", source: "" },
];
const CHECKS = [
  { cellId: "visible", hidden: false },
  { cellId: "hidden", hidden: true },
];

describe("grading a hand-in", () => {
  it("runs every code cell in order with the hidden check's code in place of its cell, and reports each check", async () => {
    const { kernel, ran } = scriptedKernel((code) => (code.includes("-4") ? { error: "AssertionError: negative numbers" } : {}));
    const outcomes = await gradeCopy(kernel, CELLS, { checks: CHECKS, hidden: new Map([["hidden", "assert square(-4) == 16, 'negative numbers'"]]) });
    expect(ran).toEqual(["def square(x): return x * x", "assert square(3) == 9", "assert square(-4) == 16, 'negative numbers'"]);
    expect(outcomes).toEqual([
      { cellId: "visible", passed: true, message: null },
      { cellId: "hidden", passed: false, message: "AssertionError: negative numbers" },
    ]);
  });

  it("stops a cell that runs too long and goes on with the next", async () => {
    const { kernel, ran } = scriptedKernel((code) => (code.startsWith("def") ? { hang: true } : code.includes("9") ? { error: "NameError: name 'square' is not defined" } : {}));
    const outcomes = await gradeCopy(kernel, CELLS, { checks: CHECKS, hidden: new Map([["hidden", "assert True"]]), cellTimeoutMs: 20 });
    expect(ran).toHaveLength(3);
    expect(outcomes[0]).toEqual({ cellId: "visible", passed: false, message: "NameError: name 'square' is not defined" });
    expect(outcomes[1]).toEqual({ cellId: "hidden", passed: true, message: null });
  });

  it("never lets an empty hidden check pass, and fails a check the hand-in lacks", async () => {
    const { kernel, ran } = scriptedKernel(() => ({}));
    const outcomes = await gradeCopy(kernel, CELLS.slice(0, 3).concat({ id: "hidden", type: "code", source: "" }), {
      checks: [...CHECKS, { cellId: "gone", hidden: false }],
      hidden: new Map(),
    });
    expect(ran).not.toContain("");
    expect(outcomes.map((o) => [o.cellId, o.passed, o.message])).toEqual([
      ["visible", true, null],
      ["hidden", false, "The hidden check's code is missing"],
      ["gone", false, "Not run: the hand-in has no such cell"],
    ]);
  });
});
