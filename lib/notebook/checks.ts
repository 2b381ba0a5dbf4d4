/**
 * Checks: code cells an author marks as tests of an assignment (usually a few `assert`s). A
 * student runs the visible ones in their own kernel; each check's last run is its result, recorded
 * on the student's copy with the usual provenance (execution.ts: who, when, which Python, which
 * source). The teacher reads those records as self-reported: the student's browser ran them. The
 * result to trust is the teacher's Grade (lib/classroom/grading-types.ts): their own browser runs
 * the hand-in with every check.
 *
 * A check is `tandem.check` in the cell's metadata: `{ hidden: false }` shows its code to the
 * student, `{ hidden: true }` keeps it out of their copy and out of their browser altogether (only
 * the class's teachers are given its code).
 * In a student's copy every check cell is locked (nbformat's `editable: false`, `deletable:
 * false`), and the result of a visible check whose code the student changed anyway says so.
 */
import type * as Y from "yjs";
import type { CellId } from "./ids";
import { readTandemCellMeta, TANDEM_META_KEY } from "./lesson-meta";
import { setCellMetadata } from "./commands";
import type { Origin } from "./origins";
import { getCellMap, readCellMetadata } from "./schema";
import { sourceHash, type ExecutionRecord } from "./execution";
import type { JsonObject } from "../util/json";

export interface CheckMark {
  readonly hidden: boolean;
  /** What passing it is worth: a positive number, at most CHECK_POINTS_MAX; absent means 1. */
  readonly points?: number | undefined;
}

/** A check's worth: its points, 1 when not given (notebooks and assignments from before points). */
export const checkPoints = (check: { readonly points?: number | undefined }): number => check.points ?? 1;

/** The check mark of a cell's metadata, or null (not a check, or malformed imported metadata). */
export function readCheck(metadata: JsonObject): CheckMark | null {
  try {
    return readTandemCellMeta(metadata).check ?? null;
  } catch {
    return null;
  }
}

/** nbformat's lock on a cell: whether its source may be edited (absent means yes). */
export function isEditable(metadata: JsonObject): boolean {
  return metadata.editable !== false;
}

/** A cell its notebook locks (nbformat's `editable` / `deletable` false): no edit, delete, split or merge. */
export function isLocked(metadata: JsonObject): boolean {
  return metadata.editable === false || metadata.deletable === false;
}

/** Marks a code cell as a check (visible or hidden), or unmarks it with null. */
export function setCellCheck(doc: Y.Doc, id: CellId, check: CheckMark | null, origin: Origin): boolean {
  const cell = getCellMap(doc, id);
  if (!cell) return false;
  const metadata = readCellMetadata(cell);
  const tandem = { ...((metadata[TANDEM_META_KEY] as JsonObject | undefined) ?? {}) };
  if (check) tandem.check = check.points === undefined || check.points === 1 ? { hidden: check.hidden } : { hidden: check.hidden, points: check.points };
  else delete tandem.check;
  const next: JsonObject = { ...metadata };
  if (Object.keys(tandem).length > 0) next[TANDEM_META_KEY] = tandem;
  else delete next[TANDEM_META_KEY];
  return setCellMetadata(doc, id, next, origin);
}

/** What an assignment remembers of each check, in notebook order. */
export interface CheckSpec {
  readonly cellId: string;
  readonly hidden: boolean;
  /** sourceHash of the check's code as assigned. */
  readonly sourceHash: string;
  /** What passing it is worth; absent (assigned before points) means 1: read it with checkPoints. */
  readonly points?: number;
}

/** What an assignment with these checks is out of: the sum of their points. */
export const maxPointsOf = (checks: readonly CheckSpec[]): number => roundPoints(checks.reduce((sum, c) => sum + checkPoints(c), 0));

/** Points rounded to 2 decimals, so that 0.1 + 0.2 reads 0.3. */
export const roundPoints = (n: number): number => Math.round(n * 100) / 100;

export type CheckState = "passed" | "failed" | "running" | "not_run";

export interface CheckResult {
  readonly cellId: string;
  readonly state: CheckState;
  /** A visible check whose code differs from what was assigned (its result proves less). */
  readonly changed: boolean;
  /** Who ran it and when (the run record), when it ran. */
  readonly by: string | null;
  readonly at: string | null;
}

/**
 * Each check's result in a copy, from its cells' run records: the last run's status. A hidden
 * check always runs the assigned code (the server's); a visible one runs the cell as it stands,
 * so a change to its code is reported beside the result.
 */
export function checkResults(
  cells: readonly { readonly id: string; readonly source: string; readonly execution?: ExecutionRecord | undefined }[],
  checks: readonly CheckSpec[],
): CheckResult[] {
  const byId = new Map(cells.map((c) => [c.id, c]));
  return checks.map((check) => {
    const cell = byId.get(check.cellId);
    const run = cell?.execution;
    if (!cell || !run) return { cellId: check.cellId, state: "not_run", changed: false, by: null, at: null };
    const changed = !check.hidden && sourceHash(cell.source) !== check.sourceHash;
    const state: CheckState = run.status === "ok" ? "passed" : run.status === "running" ? "running" : "failed";
    return { cellId: check.cellId, state, changed, by: run.by.name, at: run.finishedAt ?? run.startedAt };
  });
}
