"use client";

import { useMemo } from "react";
import { checkResults, type CheckSpec } from "@/lib/notebook/checks";
import type { Python } from "@/lib/react/use-kernel";
import { useRunnerState } from "@/lib/react/use-kernel";
import { useNotebookSnapshot } from "@/lib/react/use-notebook";
import type { NotebookSession } from "@/lib/react/use-notebook-session";
import { ChecksSummary } from "./progress-view";

/**
 * An assignment copy's checks, live: each one's last result (from the runs in the document, the
 * same for everyone in the room) and "Run checks", which runs the whole notebook in this person's
 * Python: the visible checks, self-reported. Hidden checks never reach a student's browser; the
 * teacher's Grade runs them (grade-button.tsx).
 */
export function CheckPanel({ session, python, checks, canRun }: { session: NotebookSession; python: Python | null; checks: readonly CheckSpec[]; canRun: boolean }) {
  const notebook = useNotebookSnapshot(session.doc);
  const runner = useRunnerState(python);
  const results = useMemo(() => checkResults(notebook.cells, checks), [notebook.cells, checks]);
  const hasHidden = checks.some((c) => c.hidden);
  const busy = [...runner.cells.values()].some((c) => c.state === "running" || c.state === "queued");

  // Hidden checks never reach this browser: they run only when the teacher grades (grade-button.tsx).
  const run = () => {
    if (!python) return;
    python.runner.run(notebook.cells.map((c) => c.id));
  };

  return (
    <div className="check-panel" data-testid="check-panel" role="group" aria-label="Checks">
      <span className="label">Checks</span>
      <ChecksSummary checks={results} />
      {canRun ? (
        <button type="button" className="button button-small button-primary" onClick={run} disabled={!python || busy}>
          Run checks
        </button>
      ) : null}
      <span className="hint">
        Runs every cell in your Python, then each visible check: a result you report yourself.{hasHidden ? " Hidden checks run when your teacher grades." : ""}
      </span>
    </div>
  );
}
