"use client";

import "katex/dist/katex.min.css";
import { useMemo } from "react";
import { cellLabel } from "@/lib/embed/labels";
import type { CellId } from "@/lib/notebook/ids";
import { useKernelStatus, useRunnerState } from "@/lib/react/use-kernel";
import { useNotebookSnapshot, useStoredDocument } from "@/lib/react/use-notebook";
import { CellView, type ReaderRun } from "../cell/cell-view";
import { EmbedDialog } from "../embed/embed-dialog";
import type { EmbedTarget } from "../embed/embed-cell-context";
import { KernelState } from "../embed/kernel-state";
import { useReaderPython } from "../embed/use-reader-python";

interface Props {
  /** The document's state (one Yjs update). */
  state: Uint8Array;
  embed?: EmbedTarget | null;
  /** A lesson: the reader may run its cells in their own Python (the code stays as shipped). */
  runnable?: boolean;
  /** Where that Python's packages come from (the server's setting; null: off). */
  packageBaseUrl?: string | null;
}

/**
 * A notebook's cells, rendered from its stored Yjs state (a lesson, a saved version), with its
 * Embed button. A lesson also runs: Run on a cell, or Run all, in the reader's own Python, which
 * loads on the first run; the results are the reader's alone (this page's own document).
 */
export default function NotebookView({ state, embed = null, runnable = false, packageBaseUrl = null }: Props) {
  const doc = useStoredDocument(state);
  const { cells } = useNotebookSnapshot(doc);
  const { python, ensure } = useReaderPython(doc, packageBaseUrl);
  const status = useKernelStatus(python);
  const runner = useRunnerState(python);
  const labels = useMemo(() => cells.map((c, i) => ({ id: c.id, label: cellLabel(i, c.source) })), [cells]);
  const reader: ReaderRun | null = useMemo(
    () => (runnable ? { python, run: (id: CellId) => ensure().runner.run([id]) } : null),
    [runnable, python, ensure],
  );
  if (cells.length === 0) return <p className="empty">This notebook has no cells yet.</p>;
  const busy = [...runner.cells.values()].some((c) => c.state === "running" || c.state === "queued");
  return (
    <div className="notebook-cells" data-testid="notebook-cells" data-ready="true">
      {embed || runnable ? (
        <div className="notebook-view-bar">
          {runnable ? (
            <>
              <button type="button" className="button button-small button-primary" onClick={() => ensure().runner.run(cells.map((c) => c.id))} disabled={busy}>
                Run all
              </button>
              {busy && python ? (
                <button type="button" className="button button-small" onClick={() => python.runner.interrupt()}>
                  Stop
                </button>
              ) : null}
              <KernelState python={python} status={status} />
            </>
          ) : null}
          {embed ? <EmbedDialog target={embed} cells={labels} /> : null}
        </div>
      ) : null}
      {cells.map((cell, index) => (
        <CellView key={cell.id} cell={cell} index={index} reader={reader} />
      ))}
    </div>
  );
}
