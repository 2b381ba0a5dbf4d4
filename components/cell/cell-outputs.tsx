"use client";

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

/** A code cell's outputs, then the lesson's reference output where it has one. */
export function CellOutputs({ cell }: { cell: CellSnapshot }) {
  const meta = safeMeta(cell);
  return (
    <>
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

/** Jupyter's prompt: "[3]:" after a run, "[ ]:" before. */
export function CellPrompt({ count }: { count: number | null }) {
  return (
    <div className="cell-prompt" aria-hidden>
      [{count === null ? "\u00a0" : String(count)}]:
    </div>
  );
}
