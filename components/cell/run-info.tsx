"use client";

import { isStale, sourceHash, type ExecutionRecord } from "@/lib/notebook/execution";
import type { CellRunInfo } from "@/lib/kernel/runner";

interface Props {
  execution: ExecutionRecord | undefined;
  source: string;
  run: CellRunInfo | undefined;
  /** The hash of the source this person's kernel last ran for the cell. */
  ranHash: string | undefined;
  /** Whether the run the record describes is still going on somewhere. */
  live: boolean;
}

function time(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

const STATUS_WORDS: Record<ExecutionRecord["status"], string> = {
  running: "is running this",
  ok: "ran this",
  error: "ran this (error)",
  interrupted: "ran this (stopped)",
};

/**
 * Under a code cell: who produced its outputs, when, on which Python; whether the source changed
 * since (stale, the same for everyone), and whether this person's own kernel has run it.
 */
export function RunInfo({ execution, source, run, ranHash, live }: Props) {
  const here = ranHash === undefined ? "never" : ranHash === sourceHash(source) ? "current" : "older";
  if (!execution && here === "never" && !run) return null;
  const stale = isStale(execution, source);
  return (
    <div className="run-info" data-testid="run-info">
      {execution ? (
        <span className="run-by" data-testid="run-by">
          <span className="run-swatch" style={{ background: execution.by.color }} aria-hidden />
          <strong>{execution.by.name}</strong>{" "}
          {execution.status === "running" && !live ? "started this; the run was cut off (they left)" : STATUS_WORDS[execution.status]}
          {execution.executionCount !== null ? ` as [${execution.executionCount}]` : ""} at {time(execution.startedAt)} ·{" "}
          <span className="run-python">Python {execution.python}</span>
        </span>
      ) : null}
      {stale ? (
        <span className="run-stale" data-testid="run-stale" title="The cell's code changed after these outputs were produced">
          stale: the code changed since
        </span>
      ) : null}
      {run?.state === "queued" ? <span className="run-state">queued</span> : null}
      <span className={`run-here run-here-${here}`} data-testid="run-here">
        {here === "current" ? "run in your Python" : here === "older" ? "your Python ran an older version" : "not run in your Python"}
      </span>
    </div>
  );
}
