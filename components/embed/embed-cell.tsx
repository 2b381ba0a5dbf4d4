"use client";

import type * as Y from "yjs";
import type { CellSnapshot } from "@/lib/notebook";
import type { CellId } from "@/lib/notebook/ids";
import type { Attachments } from "@/lib/markdown/render";
import { useMarkdownHtml } from "@/lib/react/use-math";
import { useCellRun, type Python } from "@/lib/react/use-kernel";
import { useCellSnapshot } from "@/lib/react/use-notebook";
import { CellOutputs, CellPrompt } from "../cell/cell-outputs";
import { InputPromptField } from "../cell/input-prompt";
import { RunInfo } from "../cell/run-info";
import { EmbedEditor } from "./embed-editor";

interface Props {
  doc: Y.Doc;
  /** The cell as the notebook has it (what "reset" goes back to, and whose run is shown first). */
  original: CellSnapshot;
  position: number;
  python: Python | null;
  onRun: (id: CellId) => void;
  onEdit: (id: CellId, text: string) => void;
}

/** One embedded cell: markdown rendered, code editable and runnable by the reader. */
export function EmbedCell({ doc, original, position, python, onRun, onEdit }: Props) {
  const cell = useCellSnapshot(doc, original.id) ?? original;
  const { run, ranHash, input } = useCellRun(python, original.id);
  const html = useMarkdownHtml(cell.type === "markdown" ? cell.source : null, cell.attachments as Attachments | undefined);
  if (cell.type === "markdown") return <div className="embed-cell cell-rendered markdown" dangerouslySetInnerHTML={{ __html: html }} />;
  if (cell.type === "raw") return <pre className="embed-cell cell-raw">{cell.source}</pre>;

  const running = run?.state === "running" || run?.state === "queued";
  const edited = cell.source !== original.source;
  // Until the reader runs it, the cell shows the notebook's own run (with who made it).
  const execution = cell.execution ?? original.execution;
  const label = `Code cell ${position}`;
  return (
    <article className="embed-cell cell cell-code" data-testid="embed-cell" data-cell-id={cell.id} data-run-state={run?.state} aria-label={label}>
      <div className="embed-cell-bar">
        <button type="button" className="button button-small button-primary" onClick={() => onRun(cell.id)} disabled={running} title="Shift+Enter or Ctrl+Enter">
          {running ? "Running…" : "Run"}
        </button>
        {running && python ? (
          <button type="button" className="button button-small" onClick={() => python.runner.interrupt()}>
            Stop
          </button>
        ) : null}
        {edited ? (
          <button type="button" className="button button-small" onClick={() => onEdit(cell.id, original.source)} title="Your edits are kept in this browser until you reset them">
            Reset to original
          </button>
        ) : null}
        {edited ? <span className="embed-note">edited by you, kept in this browser</span> : null}
      </div>
      <div className="cell-input">
        <CellPrompt count={cell.executionCount} running={running} />
        <div className="cell-body">
          <EmbedEditor source={cell.source} label={label} onChange={(text) => onEdit(cell.id, text)} onRun={() => onRun(cell.id)} />
        </div>
      </div>
      <CellOutputs
        cell={{ ...cell, execution }}
        footer={
          <>
            {input && python ? <InputPromptField input={input} to="mine" onAnswer={(text) => python.runner.answerInput(text)} /> : null}
            <RunInfo execution={execution} source={cell.source} run={run} ranHash={ranHash} live={running} />
          </>
        }
      />
    </article>
  );
}
