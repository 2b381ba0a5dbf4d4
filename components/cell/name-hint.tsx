"use client";

import { useId, useMemo, useState } from "react";
import type { CellId } from "@/lib/notebook/ids";
import { replayOutcome, whoDefines, type NameSource } from "@/lib/kernel/name-hint";
import { useNotebookSnapshot } from "@/lib/react/use-notebook";
import { useRunnerState, type Python } from "@/lib/react/use-kernel";
import type { NotebookActions } from "@/lib/react/use-notebook-controller";
import type { NotebookSession } from "@/lib/react/use-notebook-session";

interface Props {
  /** The name my NameError says is not defined. */
  name: string;
  /** The cell whose error it is. */
  cellId: CellId;
  session: NotebookSession;
  python: Python;
  actions: NotebookActions;
}

/**
 * Beside my own NameError: the name is defined in a cell someone else ran, in their Python, and
 * mine has not run it. Says which cell (a link to it) and who ran it, and offers "Catch up". Once
 * the catch up has replayed that cell, says so and offers to run this cell again (or, if the
 * replay failed, that the name may still be missing). Mounted only under such an error, as it
 * reads the whole notebook (lib/kernel/name-hint.ts decides).
 */
export function NameHint({ name, cellId, session, python, actions }: Props) {
  const { cells } = useNotebookSnapshot(session.doc);
  const { ranHere, wrote, catchUp, cells: runs } = useRunnerState(python);
  const [asked, setAsked] = useState<NameSource | null>(null);
  const textId = useId();
  const source = useMemo(() => {
    const mine = new Set(wrote.values());
    return whoDefines(name, cells, { ranHere, asking: cellId, mine: (record) => mine.has(record.runId) });
  }, [name, cells, ranHere, wrote, cellId]);
  const catchingUp = catchUp !== null && !catchUp.finished;

  if (!source) {
    // The catch up asked for here has replayed the cell: did its run end as its author's did?
    const outcome = asked ? replayOutcome(runs.get(asked.id), cells.find((c) => c.id === asked.id)?.execution?.status) : null;
    if (!asked || outcome === null) return null;
    if (outcome === "failed") {
      return (
        <div className="name-hint" role="note" data-testid="name-hint" data-state="failed">
          <p className="name-hint-text">
            Cell {asked.cell} failed in your Python, so <code>{name}</code> may still be missing: Catch up&apos;s summary at the top says why.
          </p>
        </div>
      );
    }
    return (
      <div className="name-hint" role="note" data-testid="name-hint" data-state="done">
        <p className="name-hint-text" id={textId}>
          Your Python has run cell {asked.cell} now: <code>{name}</code> is defined.
        </p>
        <div className="name-hint-actions">
          <button type="button" className="button button-small button-primary" aria-describedby={textId} onClick={() => actions.perform("runInPlace", cellId, "button")}>
            Run this cell again
          </button>
        </div>
      </div>
    );
  }

  const start = () => {
    setAsked(source);
    python.runner.catchUp();
  };
  return (
    <div className="name-hint" role="note" data-testid="name-hint" data-state="pending">
      <p className="name-hint-text" id={textId}>
        <code>{name}</code> is defined in{" "}
        <button type="button" className="link-button name-hint-cell" onClick={() => actions.reveal(source.id)} aria-label={`Go to cell ${source.cell}`} title={`Go to cell ${source.cell}`}>
          cell {source.cell}
        </button>
        {source.mine ? (
          <>, which you ran before your Python restarted. Your Python hasn&apos;t run it since.</>
        ) : (
          <>
            , which{" "}
            <span className="name-hint-by">
              <span className="run-swatch" style={{ background: source.by.color }} aria-hidden />
              <strong>{source.by.name}</strong>
            </span>{" "}
            ran. Your Python hasn&apos;t run it.
          </>
        )}
      </p>
      <div className="name-hint-actions">
        <button
          type="button"
          className="button button-small button-primary"
          aria-describedby={textId}
          title="Run here, in order, what the room has run"
          disabled={catchingUp}
          onClick={start}
        >
          {catchingUp ? "Catching up…" : "Catch up"}
        </button>
      </div>
    </div>
  );
}
