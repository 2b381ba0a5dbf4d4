/**
 * The hint beside a `NameError`: in a shared notebook, the usual reason a name is not defined in
 * my Python is that someone else ran the cell that defines it, in theirs. From my error's output
 * and the notebook's runs, which cell that is and who ran it, so the page can say so and offer
 * "Catch up" (catch-up.ts). Pure: the page decides when to ask (my own latest run's error only).
 *
 * A cell counts when its code binds the name at module scope (defined-names.ts) in the source its
 * run read, the run finished as "Catch up" would replay it (ok, or an error its author got too:
 * not one they stopped or one still going), and this Python has not run that source. The latest
 * such run by someone else wins; a run of mine (a Python since restarted, or a page reloaded)
 * only when nobody else's is there.
 */
import type { CellId } from "../notebook/ids";
import { sourceHash, type ExecutionRecord } from "../notebook/execution";
import type { JsonObject } from "../util/json";
import type { PlanCell } from "./catch-up";
import type { CellRunInfo } from "./runner";
import { definedNames } from "./defined-names";

/** "name 'x' is not defined", with or without Python's ". Did you mean: 'y'?" after it. */
const NOT_DEFINED = /^name '([^']+)' is not defined(?:\.|$)/;
const IDENTIFIER = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u;

/** The name the last error in `outputs` says is not defined, if it is a NameError about one. */
export function missingName(outputs: readonly JsonObject[]): string | null {
  const error = outputs.findLast((o) => o.output_type === "error");
  if (!error || error.ename !== "NameError" || typeof error.evalue !== "string") return null;
  const name = NOT_DEFINED.exec(error.evalue)?.[1];
  return name !== undefined && IDENTIFIER.test(name) ? name : null;
}

/** Where a missing name is defined. */
export interface NameSource {
  readonly id: CellId;
  /** 1-based position of the cell in the notebook, as "cell 3" names it. */
  readonly cell: number;
  readonly by: ExecutionRecord["by"];
  /** The run was this person's own, in a Python that has since restarted. */
  readonly mine: boolean;
}

export interface WhoDefinesOptions {
  /** Cell -> hash of the source this Python ran (the runner's `ranHere`). */
  readonly ranHere: ReadonlyMap<CellId, string>;
  /** Whether a run is this person's own. */
  readonly mine?: (record: ExecutionRecord) => boolean;
  /** The cell whose error asks: its own code is not the answer. */
  readonly asking?: CellId;
}

/** The cell whose run defined `name` and that this Python has not run, or null. */
export function whoDefines(name: string, cells: readonly PlanCell[], options: WhoDefinesOptions): NameSource | null {
  let best: (NameSource & { at: string }) | null = null;
  cells.forEach((c, index) => {
    const record = c.execution;
    if (c.type !== "code" || c.id === options.asking || !record) return;
    if (record.status !== "ok" && record.status !== "error") return;
    const code = record.source ?? c.source;
    if (options.ranHere.get(c.id) === sourceHash(code) || !definedNames(code).has(name)) return;
    const found = { id: c.id, cell: index + 1, by: record.by, mine: options.mine?.(record) ?? false, at: record.startedAt };
    // Someone else's run before one of mine; then the latest; then the first cell.
    if (!best || (best.mine && !found.mine) || (best.mine === found.mine && found.at > best.at)) best = found;
  });
  if (!best) return null;
  const { at: _at, ...source } = best as NameSource & { at: string };
  return source;
}

/**
 * How the catch up asked for from a hint went for the defining cell: "done" when its replay here
 * ended as its author's run did (the name is defined now), "failed" when it did not, null while it
 * has not run yet (queued, running, or the catch up stopped before it).
 */
export function replayOutcome(replay: CellRunInfo | undefined, author: ExecutionRecord["status"] | undefined): "done" | "failed" | null {
  if (!replay?.replay || replay.state === "queued" || replay.state === "running") return null;
  return replay.state === "ok" || replay.state === author ? "done" : "failed";
}
