"use client";

import { skipWords, type SkippedRun } from "@/lib/kernel/catch-up";
import type { CatchUpReport } from "@/lib/kernel/runner";
import { useRunnerState, type Python } from "@/lib/react/use-kernel";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "cells 2 and 4" */
function cellList(skips: readonly SkippedRun[]): string {
  const numbers = skips.map((s) => String(s.cell));
  const words = numbers.length <= 1 ? numbers.join("") : `${numbers.slice(0, -1).join(", ")} and ${numbers[numbers.length - 1]}`;
  return `${numbers.length === 1 ? "cell" : "cells"} ${words}`;
}

/** The skipped runs in words, one phrase per reason and person ("cell 2: Ada stopped it"). */
export function skippedWords(skipped: readonly SkippedRun[]): string[] {
  const groups = new Map<string, SkippedRun[]>();
  for (const skip of skipped) {
    const words = skipWords(skip);
    groups.set(words, [...(groups.get(words) ?? []), skip]);
  }
  return [...groups].map(([words, skips]) => `${cellList(skips)}: ${words}`);
}

/** The summary line of a finished catch up. */
export function summaryWords(r: CatchUpReport): string {
  if (r.total === 0) return "Nothing to catch up: your Python has run everything the room's outputs came from.";
  const parts = [`ran ${plural(r.ran, "run")} of ${r.total}`];
  if (r.expectedErrors > 0) parts.push(`${plural(r.expectedErrors, "error")} as their authors got too`);
  if (r.answered > 0) parts.push(`${plural(r.answered, "input() answer")} given as recorded`);
  return `${r.stopped ? "Catch up stopped" : "Caught up"}: ${parts.join("; ")}.`;
}

/**
 * What "Catch up" is doing (progress: "Catching up 3 of 7…"), then what it did: how many runs it
 * replayed, which it skipped and why, and where and why it stopped, if it did. The runs their
 * authors stopped can be replayed on request.
 */
export function CatchUpStatus({ python }: { python: Python | null }) {
  const { catchUp: report } = useRunnerState(python);
  if (!python || !report) return null;
  const interrupted = report.skipped.filter((s) => s.reason === "interrupted");
  return (
    <div className="catch-up-status" role="status" data-testid="catch-up-status" data-finished={report.finished}>
      {report.finished ? (
        <>
          <p className="catch-up-summary">{summaryWords(report)}</p>
          {report.stopped ? (
            <p className="catch-up-stopped" data-testid="catch-up-stopped">
              Stopped{report.stopped.cell !== null ? ` at cell ${report.stopped.cell}` : ""}: {report.stopped.reason}.
            </p>
          ) : null}
          {report.skipped.length > 0 ? (
            <p className="catch-up-skipped" data-testid="catch-up-skipped">
              Skipped {skippedWords(report.skipped).join("; ")}.
            </p>
          ) : null}
          <div className="catch-up-actions">
            {interrupted.length > 0 && !report.stopped ? (
              <button type="button" className="button" onClick={() => python.runner.catchUp({ includeInterrupted: true })}>
                Run the stopped {interrupted.length === 1 ? "run" : "runs"} too
              </button>
            ) : null}
            <button type="button" className="button" onClick={() => python.runner.dismissCatchUp()}>
              Dismiss
            </button>
          </div>
        </>
      ) : (
        <p className="catch-up-summary">
          Catching up {Math.min(report.done + 1, report.total)} of {report.total}…
          {report.current !== null ? ` (cell ${report.current})` : ""}
        </p>
      )}
    </div>
  );
}
