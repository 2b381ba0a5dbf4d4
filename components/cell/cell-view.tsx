"use client";

import { memo, useMemo } from "react";
import type { CellSnapshot } from "@/lib/notebook/selectors";
import { renderMarkdown, type Attachments } from "@/lib/markdown/render";
import { CodeView } from "../editor/code-view";
import { CellOutputs, CellPrompt, safeMeta } from "./cell-outputs";

function CodeCell({ cell, index }: { cell: CellSnapshot; index: number }) {
  return (
    <>
      <div className="cell-input">
        <CellPrompt count={cell.executionCount} />
        <div className="cell-body">
          <CodeView source={cell.source} label={`Code cell ${index + 1}`} />
        </div>
      </div>
      <CellOutputs cell={cell} />
    </>
  );
}

export function MarkdownCell({ cell }: { cell: CellSnapshot }) {
  const html = useMemo(
    () => renderMarkdown(cell.source, cell.attachments as Attachments | undefined),
    [cell.source, cell.attachments],
  );
  return <div className="cell-markdown markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}

/** One cell of a read-only notebook, by type. */
export const CellView = memo(function CellView({ cell, index }: { cell: CellSnapshot; index: number }) {
  const exercise = safeMeta(cell).exercise === true;
  return (
    <article
      className={`cell cell-${cell.type}${exercise ? " cell-exercise" : ""}`}
      data-cell-id={cell.id}
      data-cell-type={cell.type}
      data-testid="cell"
    >
      {exercise ? <div className="cell-badge">Exercise</div> : null}
      {cell.type === "code" ? <CodeCell cell={cell} index={index} /> : null}
      {cell.type === "markdown" ? <MarkdownCell cell={cell} /> : null}
      {cell.type === "raw" ? <pre className="cell-raw">{cell.source}</pre> : null}
    </article>
  );
});
