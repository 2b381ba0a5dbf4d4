/**
 * Execution provenance: who ran a cell, when, on which Python, and on which source. Every code
 * cell's outputs come from one run (a run replaces them), so the record sits on the cell
 * (`execution` in schema.ts) and describes each of its outputs. In .ipynb it travels as cell
 * metadata `tandem.execution`, which nbformat allows (outputs of type stream and error have no
 * metadata of their own).
 *
 * Staleness is derived, never stored: an output is stale when the hash of the cell's current
 * source differs from the hash of the source its run read. Everyone computes the same answer from
 * the same document, so everyone sees the same "stale" mark at the same time.
 */
import type { JsonObject } from "../util/json";
import { cyrb53 } from "../util/hash";

export type ExecutionStatus = "running" | "ok" | "error" | "interrupted";

const STATUSES: readonly string[] = ["running", "ok", "error", "interrupted"];

/**
 * One answer its author gave to an input() during a run, in order. A private answer (getpass, or
 * an input() answer its author chose to keep private) is recorded as such, never its value:
 * `answer` is null. A null answer that is not private: they
 * gave none (the line ended, EOF).
 */
export interface InputAnswer {
  readonly answer: string | null;
  readonly private: boolean;
}

export interface ExecutionRecord {
  /** Unique per run: later writes of a run check it, so a superseded run writes nothing. */
  readonly runId: string;
  /** The person whose kernel ran it, as their presence showed them. */
  readonly by: { readonly name: string; readonly color: string };
  /** ISO 8601 times. */
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly status: ExecutionStatus;
  /** The count in the runner's kernel session ("[3]"), null while running. */
  readonly executionCount: number | null;
  /** "3.14.0 (Pyodide 314.0.7)" */
  readonly python: string;
  /** sourceHash() of the source the run read. */
  readonly sourceHash: string;
  /**
   * The source the run read, so "catch up" can replay exactly what produced the outputs after
   * the cell was edited. Null in records made before it was kept (and imports without it).
   */
  readonly source: string | null;
  /**
   * The answers its author gave to input() (written when the run ends), so "catch up" can give
   * them again. Null when not known: a run still going, or a record made before they were kept.
   */
  readonly inputs?: readonly InputAnswer[] | null;
}

/** The record as stored (a JSON object), for commands. */
export function executionToJson(record: ExecutionRecord): JsonObject {
  return {
    runId: record.runId,
    by: { name: record.by.name, color: record.by.color },
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    status: record.status,
    executionCount: record.executionCount,
    python: record.python,
    sourceHash: record.sourceHash,
    ...(record.source !== null ? { source: record.source } : {}),
    ...(record.inputs ? { inputs: record.inputs.map((i): JsonObject => (i.private ? { private: true } : { answer: i.answer })) } : {}),
  };
}

const str = (v: unknown): v is string => typeof v === "string";

/**
 * Reads a stored record; undefined for anything malformed (an imported notebook's metadata is not
 * trusted to have the right shape, and a bad record must not break the cell).
 */
export function parseExecution(value: unknown): ExecutionRecord | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  const by = v.by as Record<string, unknown> | undefined;
  if (!str(v.runId) || !str(v.startedAt) || !str(v.python) || !str(v.sourceHash)) return undefined;
  if (typeof by !== "object" || by === null || !str(by.name) || !str(by.color)) return undefined;
  if (!str(v.status) || !STATUSES.includes(v.status)) return undefined;
  const count = v.executionCount;
  return {
    runId: v.runId,
    by: { name: by.name, color: by.color },
    startedAt: v.startedAt,
    finishedAt: str(v.finishedAt) ? v.finishedAt : null,
    status: v.status as ExecutionStatus,
    executionCount: typeof count === "number" && Number.isInteger(count) && count >= 0 ? count : null,
    python: v.python,
    sourceHash: v.sourceHash,
    // Kept only when it is the source the hash describes.
    source: str(v.source) && sourceHash(v.source) === v.sourceHash ? v.source : null,
    inputs: parseInputs(v.inputs),
  };
}

function parseInputs(value: unknown): InputAnswer[] | null {
  if (!Array.isArray(value)) return null;
  const answers: InputAnswer[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== "object" || item === null) return null;
    const i = item as Record<string, unknown>;
    if (i.private === true) answers.push({ answer: null, private: true });
    else if (str(i.answer) || i.answer === null) answers.push({ answer: i.answer, private: false });
    else return null;
  }
  return answers;
}

/** A short, stable hash of a cell's source: tells whether the source changed since a run. */
export function sourceHash(source: string): string {
  return cyrb53(source);
}

/** Whether outputs produced by `record` no longer match `source`. */
export function isStale(record: ExecutionRecord | undefined, source: string): boolean {
  return record !== undefined && record.sourceHash !== sourceHash(source);
}
