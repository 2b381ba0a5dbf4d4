"use client";

import type { ReactNode } from "react";
import type { CellSnapshot } from "@/lib/notebook/selectors";
import { readTandemCellMeta, type TandemCellMeta } from "@/lib/notebook/lesson-meta";
import { OutputList } from "../output/output-item";
import { ReferenceOutput } from "./reference-output";
import { initials } from "@/lib/react/use-participants";
import { textOn } from "@/lib/ui/contrast";

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
export function CellOutputs({ cell, footer, collapsed = false, scrolled = false, onExpand }: {
  cell: CellSnapshot;
  footer?: ReactNode;
  /** Hidden by this person (O): a bar says so, and a click shows them again. */
  collapsed?: boolean;
  /** Long outputs in a box of their own height with its own scroll (Shift-O). */
  scrolled?: boolean;
  onExpand?: () => void;
}) {
  const meta = safeMeta(cell);
  const count = cell.outputs.length;
  return (
    <>
      {count > 0 && collapsed ? (
        <button type="button" className="cell-outputs-collapsed" data-testid="outputs-collapsed" onClick={onExpand} title="Show the output (O)">
          {count === 1 ? "Output hidden" : `${count} outputs hidden`}: show
        </button>
      ) : count > 0 ? (
        <div className={`cell-outputs${scrolled ? " is-scrolled" : ""}`} data-testid="cell-outputs" tabIndex={scrolled ? 0 : undefined}>
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

/** "Ada's", or "Your" for the name an embed reader's own runs carry ("You"). */
export function possessive(name: string): string {
  return name === "You" ? "Your" : `${name}'s`;
}

/**
 * Jupyter's prompt: "[3]:" after a run, "[*]:" while running (here or anywhere), "[ ]:" before.
 * In a shared notebook every person's Python keeps its own count, so `by` (the run's provenance)
 * puts the runner's initials in their colour under it, named in words for the tooltip and screen
 * readers ("Ada's kernel, run 3"): two people's [1] never read as one kernel's history.
 */
export function CellPrompt({ count, running = false, by = null }: { count: number | null; running?: boolean; by?: { name: string; color: string } | null }) {
  const label = by ? `${possessive(by.name)} kernel, ${running ? "running now" : count === null ? "no count" : `run ${count}`}` : null;
  return (
    <div className={`cell-prompt${running ? " is-running" : ""}`}>
      <span aria-hidden data-testid="cell-prompt">
        [{running ? "*" : count === null ? "\u00a0" : String(count)}]:
      </span>
      {by && label ? (
        <span className="count-owner" style={{ backgroundColor: by.color, color: textOn(by.color) }} role="img" aria-label={label} title={label} data-testid="count-owner">
          {initials(by.name)}
        </span>
      ) : null}
    </div>
  );
}
