/**
 * Grading one hand-in in a Python of its own: every code cell of the notebook as handed in, in
 * order, with each hidden check's code in place of its (empty) cell, then each check's outcome.
 * The teacher's browser runs it (components/classroom/grade-button.tsx) in a fresh kernel per
 * student, in the kernel frame's opaque origin (frame-launch.ts): the student's code can reach
 * neither the teacher's session nor another student's run. Nothing here reaches a document: the
 * outcomes go to the server, which keeps them with the version they describe.
 *
 * A cell that runs longer than `cellTimeoutMs` is stopped (Stop, or a restart where the frame has
 * no shared memory) and the run goes on with the next cell, as a person pressing Stop would; the
 * checks after it then fail or pass on their own.
 */
import type { KernelClient } from "./client";
import type { RunEvent } from "./protocol";

export interface GradedCell {
  readonly id: string;
  readonly type: string;
  readonly source: string;
}

export interface CheckOutcome {
  readonly cellId: string;
  readonly passed: boolean;
  /** Why it did not pass ("AssertionError: …", "stopped after 20 s"), or null. */
  readonly message: string | null;
}

export interface GradeOptions {
  /** The checks, in notebook order. */
  readonly checks: readonly { readonly cellId: string; readonly hidden: boolean }[];
  /** The hidden checks' code, by cell id. */
  readonly hidden: ReadonlyMap<string, string>;
  readonly cellTimeoutMs?: number;
  /** How long Python may take to start. */
  readonly startTimeoutMs?: number;
  /** Stops the grading between cells (the teacher pressed Stop). */
  readonly signal?: AbortSignal;
}

export const CELL_TIMEOUT_MS = 20_000;
const START_TIMEOUT_MS = 60_000;

/** Resolves once the kernel is idle; rejects if it fails or takes longer than `ms`. */
export function whenReady(kernel: KernelClient, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let done = false;
    const check = () => {
      const status = kernel.status.get();
      if (done) return;
      if (status.phase === "idle") finish(null);
      else if (status.phase === "failed") finish(new Error(status.message));
    };
    const finish = (error: Error | null) => {
      done = true;
      clearTimeout(timer);
      unsubscribe();
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(() => finish(new Error(`Python did not start within ${Math.round(ms / 1000)} s`)), ms);
    const unsubscribe = kernel.status.subscribe(check);
    check();
  });
}

export async function gradeCopy(kernel: KernelClient, cells: readonly GradedCell[], options: GradeOptions): Promise<CheckOutcome[]> {
  const timeoutMs = options.cellTimeoutMs ?? CELL_TIMEOUT_MS;
  await whenReady(kernel, options.startTimeoutMs ?? START_TIMEOUT_MS);
  const checks = new Set(options.checks.map((c) => c.cellId));
  const hiddenIds = new Set(options.checks.filter((c) => c.hidden).map((c) => c.cellId));
  const outcomes = new Map<string, CheckOutcome>();
  let count = 0;
  for (const cell of cells) {
    if (options.signal?.aborted) break;
    if (cell.type !== "code") continue;
    const hiddenCode = options.hidden.get(cell.id);
    // Its cell is empty in the hand-in: run as it is, a hidden check would "pass".
    if (hiddenIds.has(cell.id) && hiddenCode === undefined) {
      outcomes.set(cell.id, { cellId: cell.id, passed: false, message: "The hidden check's code is missing" });
      continue;
    }
    const code = hiddenCode ?? cell.source;
    count += 1;
    let error: Extract<RunEvent, { type: "error" }> | null = null;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      kernel.interrupt();
    }, timeoutMs);
    const outcome = await kernel.run(code, `Cell [${count}]`, (event) => {
      if (event.type === "error") error = event;
    });
    clearTimeout(timer);
    if (outcome === "restarted") await whenReady(kernel, options.startTimeoutMs ?? START_TIMEOUT_MS);
    if (!checks.has(cell.id)) continue;
    const failure = error as Extract<RunEvent, { type: "error" }> | null;
    const message = timedOut
      ? `Stopped after ${Math.round(timeoutMs / 1000)} s`
      : failure
        ? `${failure.ename}: ${failure.evalue}`.slice(0, 2000)
        : outcome === "ok"
          ? null
          : "Python stopped";
    outcomes.set(cell.id, { cellId: cell.id, passed: outcome === "ok" && !timedOut, message });
  }
  // A check the hand-in no longer has (or that never ran) fails, and says so.
  return options.checks.map(({ cellId }) => outcomes.get(cellId) ?? { cellId, passed: false, message: "Not run: the hand-in has no such cell" });
}
