"use client";

import { memo, useRef } from "react";
import type { CellId } from "@/lib/notebook/ids";
import type { CellSnapshot } from "@/lib/notebook/selectors";
import type { Attachments } from "@/lib/markdown/render";
import { useScrollableFocus } from "@/lib/react/use-scrollable-focus";
import { useMarkdownHtml } from "@/lib/react/use-math";
import { useCellRun, type Python } from "@/lib/react/use-kernel";
import { CodeView } from "../editor/code-view";
import { CellOutputs, CellPrompt, safeMeta } from "./cell-outputs";
import { InputPromptField } from "./input-prompt";
import { RunInfo } from "./run-info";

/** A reader running a read-only notebook's cells in their own Python (notebook-view.tsx). */
export interface ReaderRun {
  readonly python: Python | null;
  readonly run: (id: CellId) => void;
}

function ReaderFooter({ cell, reader }: { cell: CellSnapshot; reader: ReaderRun }) {
  const { run, ranHash, input } = useCellRun(reader.python, cell.id);
  const running = run?.state === "running" || run?.state === "queued";
  return (
    <>
      {input && reader.python ? <InputPromptField input={input} to="mine" onAnswer={(text) => reader.python?.runner.answerInput(text)} /> : null}
      <RunInfo execution={cell.execution} source={cell.source} run={run} ranHash={ranHash} live={running} />
    </>
  );
}

function CodeCell({ cell, index, reader }: { cell: CellSnapshot; index: number; reader: ReaderRun | null }) {
  const { run } = useCellRun(reader?.python ?? null, cell.id);
  const running = run?.state === "running" || run?.state === "queued";
  return (
    <>
      {reader ? (
        <div className="cell-reader-bar">
          <button type="button" className="button button-small" onClick={() => reader.run(cell.id)} disabled={running} aria-label={`Run code cell ${index + 1}`}>
            {running ? "Running…" : "Run"}
          </button>
        </div>
      ) : null}
      <div className="cell-input">
        <CellPrompt count={cell.executionCount} running={running} by={cell.execution && (running || cell.execution.status !== "running") ? cell.execution.by : null} />
        <div className="cell-body">
          <CodeView source={cell.source} label={`Code cell ${index + 1}`} />
        </div>
      </div>
      <CellOutputs cell={cell} footer={reader ? <ReaderFooter cell={cell} reader={reader} /> : undefined} />
    </>
  );
}

export function MarkdownCell({ cell }: { cell: CellSnapshot }) {
  const html = useMarkdownHtml(cell.source, cell.attachments as Attachments | undefined);
  const box = useRef<HTMLDivElement>(null);
  useScrollableFocus(box, html);
  return <div ref={box} className="cell-markdown markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}

/** One cell of a read-only notebook, by type; runnable by the reader where `reader` is given. */
export const CellView = memo(function CellView({ cell, index, reader = null }: { cell: CellSnapshot; index: number; reader?: ReaderRun | null }) {
  const exercise = safeMeta(cell).exercise === true;
  return (
    <article
      className={`cell cell-${cell.type}${exercise ? " cell-exercise" : ""}`}
      data-cell-id={cell.id}
      data-cell-type={cell.type}
      data-testid="cell"
    >
      {exercise ? <div className="cell-badge">Exercise</div> : null}
      {cell.type === "code" ? <CodeCell cell={cell} index={index} reader={reader} /> : null}
      {cell.type === "markdown" ? <MarkdownCell cell={cell} /> : null}
      {cell.type === "raw" ? <pre className="cell-raw">{cell.source}</pre> : null}
    </article>
  );
});
