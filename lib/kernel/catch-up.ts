/**
 * The catch-up planner: from the notebook's cells and the provenance of their outputs, which runs
 * "Catch up" replays in this person's Python, in which order, which it skips and why, and which
 * will have to ask this person for an input() answer. Pure: the runner carries the plan out.
 *
 * The rules (README, "Catch up"):
 * - It replays the runs behind the room's current outputs, in the order they started (not the
 *   order of the cells), each on the source that run read (the cell may have been edited since).
 * - A run that errored for its author is replayed too, and its error is expected: the replay goes
 *   on past it. Only an error the author did not get stops the replay.
 * - A run its author interrupted (a `while True: pass` they stopped) or one still running is not
 *   replayed, and the summary says so, unless the person asks for them explicitly.
 * - Each input() is given the answer its author gave, in order, from the run's record. A private
 *   answer (getpass, or one its author kept private) was never recorded: that run asks this person.
 * - A cell never run, and a run this Python has made already on the same source, are left alone.
 */
import type { CellId } from "../notebook/ids";
import { sourceHash, type ExecutionRecord, type InputAnswer } from "../notebook/execution";

/** What the planner reads of a cell (a CellSnapshot has it). */
export interface PlanCell {
  readonly id: CellId;
  readonly type: string;
  readonly source: string;
  readonly execution: ExecutionRecord | undefined;
}

export interface ReplayStep {
  readonly id: CellId;
  /** 1-based position of the cell in the notebook, as "cell 3" names it. */
  readonly cell: number;
  readonly by: string;
  readonly code: string;
  /** What the author's run ended in: an "error" here is expected and does not stop the replay. */
  readonly expect: "ok" | "error" | "interrupted";
  /** The author's input() answers, in order (null: they gave none); `private` ones were not kept. */
  readonly answers: readonly InputAnswer[] | null;
  /** The replay will ask this person (an answer the author kept private). */
  readonly asks: boolean;
}

export type SkipReason = "interrupted" | "running" | "never-run";

export interface SkippedRun {
  readonly id: CellId;
  readonly cell: number;
  readonly reason: SkipReason;
  /** Who interrupted it or is running it; null for a cell never run. */
  readonly by: string | null;
}

export interface CatchUpPlan {
  readonly replay: readonly ReplayStep[];
  readonly skipped: readonly SkippedRun[];
  /** Runs this Python has made already (on the same source): nothing to do. */
  readonly upToDate: number;
}

export interface PlanOptions {
  /** Also replay runs their authors interrupted (the person asked for it explicitly). */
  readonly includeInterrupted?: boolean;
}

/** The plan for catching up `ranHere` (cell -> source hash this Python ran) with `cells`. */
export function planCatchUp(cells: readonly PlanCell[], ranHere: ReadonlyMap<CellId, string>, options: PlanOptions = {}): CatchUpPlan {
  const steps: (ReplayStep & { at: string })[] = [];
  const skipped: SkippedRun[] = [];
  let upToDate = 0;
  cells.forEach((c, index) => {
    if (c.type !== "code") return;
    const cell = index + 1;
    const record = c.execution;
    if (!record) {
      if (c.source.trim() !== "") skipped.push({ id: c.id, cell, reason: "never-run", by: null });
      return;
    }
    if (record.status === "running") return void skipped.push({ id: c.id, cell, reason: "running", by: record.by.name });
    const code = record.source ?? c.source;
    if (ranHere.get(c.id) === sourceHash(code)) return void upToDate++;
    if (record.status === "interrupted" && !options.includeInterrupted) {
      return void skipped.push({ id: c.id, cell, reason: "interrupted", by: record.by.name });
    }
    const answers = record.inputs ?? null;
    steps.push({
      id: c.id,
      cell,
      by: record.by.name,
      code,
      expect: record.status,
      answers,
      asks: answers?.some((a) => a.private) ?? false,
      at: record.startedAt,
    });
  });
  // Stable: runs started at the same instant keep the notebook's order.
  const replay = steps.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.cell - b.cell)).map(({ at: _at, ...step }) => step);
  return { replay, skipped, upToDate };
}

/** Why a run was skipped, in words ("Ada stopped it"). */
export function skipWords(skip: SkippedRun): string {
  switch (skip.reason) {
    case "interrupted":
      return `${skip.by ?? "its author"} stopped it`;
    case "running":
      return `${skip.by ?? "someone"} is still running it`;
    case "never-run":
      return "nobody has run it";
  }
}
