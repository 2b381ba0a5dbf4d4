"use client";

import type { ReactNode } from "react";
import type { CellSnapshot } from "@/lib/notebook/selectors";
import { readTandemCellMeta, type TandemCellMeta } from "@/lib/notebook/lesson-meta";
import { OutputList } from "../output/output-item";
import { ReferenceOutput } from "./reference-output";

/** The cell's Tandem metadata, or none when an imported notebook's is malformed. */
export function safeMeta(cell: CellSnapshot): TandemCellMeta {
  try {
    return readTandemCellMeta(cell.metadata);
  } catch {
    return {}; // Malformed metadata from an imported notebook: show the cell without extras.
  }
}

/**
 * A code cell's outputs, then `footer` (what belongs to the live run: an input prompt, who ran
 * it), then the lesson's reference output where it has one.
 */
export function CellOutputs({ cell, footer }: { cell: CellSnapshot; footer?: ReactNode }) {
  const meta = safeMeta(cell);
  return (
    <>
      {cell.outputs.length > 0 ? (
        <div className="cell-outputs" data-testid="cell-outputs">
          <OutputList outputs={cell.outputs} hasReference={meta.reference !== undefined} />
        </div>
      ) : null}
      {footer}
      {meta.reference ? (
        <div className="cell-outputs">
          <ReferenceOutput reference={meta.reference} {...(meta.expect ? { expect: meta.expect } : {})} />
        </div>
      ) : null}
    </>
  );
}

/** Jupyter's prompt: "[3]:" after a run, "[*]:" while running (here or anywhere), "[ ]:" before. */
export function CellPrompt({ count, running = false }: { count: number | null; running?: boolean }) {
  return (
    <div className={`cell-prompt${running ? " is-running" : ""}`} aria-hidden data-testid="cell-prompt">
      [{running ? "*" : count === null ? "\u00a0" : String(count)}]:
    </div>
  );
}
