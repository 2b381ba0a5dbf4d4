"use client";

import { useMemo, useState } from "react";
import { checkResults, type CheckSpec } from "@/lib/notebook/checks";
import type { CellId } from "@/lib/notebook/ids";
import type { Python } from "@/lib/react/use-kernel";
import { useRunnerState } from "@/lib/react/use-kernel";
import { useNotebookSnapshot } from "@/lib/react/use-notebook";
import type { NotebookSession } from "@/lib/react/use-notebook-session";
import { FormError } from "../ui/form-error";
import { ChecksSummary } from "./progress-view";

/**
 * An assignment copy's checks, live: each one's last result (from the runs in the document, the
 * same for everyone in the room) and "Run checks", which runs the whole notebook in this person's
 * Python with the hidden checks' code fetched for the run (assignments.ts: hiddenChecksOf).
 */
export function CheckPanel({ session, python, notebookId, checks, canRun }: { session: NotebookSession; python: Python | null; notebookId: string; checks: readonly CheckSpec[]; canRun: boolean }) {
  const notebook = useNotebookSnapshot(session.doc);
  const runner = useRunnerState(python);
  const results = useMemo(() => checkResults(notebook.cells, checks), [notebook.cells, checks]);
  const [error, setError] = useState<string | null>(null);
  const busy = [...runner.cells.values()].some((c) => c.state === "running" || c.state === "queued");

  const run = async () => {
    if (!python) return;
    setError(null);
    const hidden = new Map<CellId, string>();
    if (checks.some((c) => c.hidden)) {
      const response = await fetch(`/api/notebooks/${notebookId}/hidden-checks`, { cache: "no-store" }).catch(() => null);
      if (!response?.ok) return setError("Could not fetch the hidden checks. Check your connection and try again.");
      for (const check of (await response.json()) as { cellId: string; source: string }[]) hidden.set(check.cellId as CellId, check.source);
    }
    python.runner.run(notebook.cells.map((c) => c.id), hidden);
  };

  return (
    <div className="check-panel" data-testid="check-panel" role="group" aria-label="Checks">
      <span className="label">Checks</span>
      <ChecksSummary checks={results} />
      {canRun ? (
        <button type="button" className="button button-small button-primary" onClick={() => void run()} disabled={!python || busy}>
          Run checks
        </button>
      ) : null}
      <span className="hint">Runs every cell in your Python, then each check; results are recorded with who ran them.</span>
      <FormError message={error} />
    </div>
  );
}
