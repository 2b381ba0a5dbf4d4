"use client";

import { memo, useMemo } from "react";
import type { CellSnapshot } from "@/lib/notebook/selectors";
import { readTandemCellMeta, type TandemCellMeta } from "@/lib/notebook/lesson-meta";
import { renderMarkdown, type Attachments } from "@/lib/markdown/render";
import { CodeView } from "../editor/code-view";
import { OutputList } from "../output/output-item";
import { ReferenceOutput } from "./reference-output";

function safeMeta(cell: CellSnapshot): TandemCellMeta {
  try {
    return readTandemCellMeta(cell.metadata);
  } catch {
    return {}; // Malformed metadata from an imported notebook: show the cell without extras.
  }
}

function CodeCell({ cell, index }: { cell: CellSnapshot; index: number }) {
  const meta = safeMeta(cell);
  const prompt = cell.executionCount === null ? " " : String(cell.executionCount);
  return (
    <>
      <div className="cell-input">
        <div className="cell-prompt" aria-hidden>
          [{prompt}]:
        </div>
        <div className="cell-body">
          <CodeView source={cell.source} label={`Code cell ${index + 1}`} />
        </div>
      </div>
      {cell.outputs.length > 0 ? (
        <div className="cell-outputs">
          <OutputList outputs={cell.outputs} />
        </div>
      ) : null}
      {meta.reference ? (
        <div className="cell-outputs">
          <ReferenceOutput reference={meta.reference} {...(meta.expect ? { expect: meta.expect } : {})} />
        </div>
      ) : null}
    </>
  );
}

function MarkdownCell({ cell }: { cell: CellSnapshot }) {
  const html = useMemo(
    () => renderMarkdown(cell.source, cell.attachments as Attachments | undefined),
    [cell.source, cell.attachments],
  );
  return <div className="cell-markdown markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}

/** One cell of a notebook, by type. */
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
