"use client";

import { useRef, useState } from "react";
import type { CellId } from "@/lib/notebook/ids";
import type { CellType } from "@/lib/notebook/schema";
import { checkPoints, type CheckMark } from "@/lib/notebook/checks";
import { CHECK_POINTS_MAX } from "@/lib/notebook/lesson-meta";
import { useEmbedCell } from "../embed/embed-cell-context";
import type { NotebookAction } from "@/lib/react/notebook-keys";
import type { NotebookActions } from "@/lib/react/use-notebook-controller";
import type { CellView } from "@/lib/react/cell-view-state";
import { useRovingToolbar } from "@/lib/react/use-roving-toolbar";
import { CellMenu } from "./cell-menu";
import { IconButton } from "../ui/icon-button";
import {
  ArrowDownIcon,
  ArrowUpIcon,
  InsertAboveIcon,
  InsertBelowIcon,
  MergeIcon,
  PlayIcon,
  RunAboveIcon,
  RunBelowIcon,
  SplitIcon,
  TrashIcon,
  EmbedIcon,
} from "../ui/icons";

interface Props {
  id: CellId;
  type: CellType;
  first: boolean;
  last: boolean;
  editing: boolean;
  actions: NotebookActions;
  /** The cell's check mark (checks.ts), or null. */
  check: CheckMark | null;
  /** Offer marking the cell as a check (authors; not students in their copies). */
  markChecks: boolean;
  /** Locked by its notebook (a check in a student's copy): run only. */
  locked: boolean;
  /** This person's view of the cell (outputs hidden, line numbers). */
  view: CellView;
  /** How many cells the toolbar acts on: the selection's size on its active cell, else 1. */
  count: number;
  /** Whether the toolbar is in the tab order (its cell is the notebook's tab stop, or holds the focus). */
  tabbable: boolean;
}

const TYPE_LABELS: Record<CellType, string> = { code: "Code", markdown: "Markdown", raw: "Raw" };

const CHECK_VALUES = { none: null, check: { hidden: false }, hidden: { hidden: true } } as const;

/**
 * The mouse equivalents of the cell keys, shown on the selected cell and on hover. For the
 * keyboard it is one tab stop after its cell, with ← → along it (use-roving-toolbar.ts), and
 * Escape goes back to the cell.
 */
export function CellToolbar({ id, type, first, last, editing, actions, check, markChecks, locked, view, count, tabbable }: Props) {
  const run = (action: NotebookAction) => () => actions.perform(action, id, "button");
  const checkValue = check === null ? "none" : check.hidden ? "hidden" : "check";
  const embedCell = useEmbedCell();
  const toolbar = useRef<HTMLDivElement>(null);
  const roving = useRovingToolbar(toolbar, tabbable);
  return (
    <div
      ref={toolbar}
      className="cell-toolbar"
      role="toolbar"
      aria-label="Cell actions"
      data-own-tab-stops
      onFocus={roving.onFocus}
      onKeyDown={(event) => {
        if (event.key === "Escape" && !event.defaultPrevented) {
          event.preventDefault();
          actions.perform("commandMode", id, "button");
          return;
        }
        roving.onKeyDown(event);
      }}
    >
      {type === "code" ? (
        <>
          <IconButton tabIndex={-1} label={count > 1 ? `Run ${count} cells` : "Run cell"} hint="Shift+Enter or Ctrl+Enter" onClick={run("runInPlace")} className="run">
            <PlayIcon />
          </IconButton>
          <IconButton tabIndex={-1} label="Run all cells above" onClick={run("runAbove")} disabled={first}>
            <RunAboveIcon />
          </IconButton>
          <IconButton tabIndex={-1} label="Run this cell and all below" onClick={run("runBelow")}>
            <RunBelowIcon />
          </IconButton>
          <span className="toolbar-divider" aria-hidden />
        </>
      ) : null}
      {locked ? (
        <span className="cell-locked" title="Part of the assignment: it cannot be changed or deleted here">
          Locked check
        </span>
      ) : (
        <>
          {type === "code" && markChecks ? (
            <select
              tabIndex={-1}
              className="cell-type-select"
              aria-label="Check"
              title="A check tests a student's work in an assignment; a hidden one runs without showing its code"
              value={checkValue}
              onChange={(e) => {
                const mark = CHECK_VALUES[e.target.value as keyof typeof CHECK_VALUES];
                // Visible or hidden, a check keeps its points.
                actions.setCheck(id, mark && check ? { ...mark, points: check.points } : mark);
              }}
            >
              <option value="none">Not a check</option>
              <option value="check">Check</option>
              <option value="hidden">Hidden check</option>
            </select>
          ) : null}
          {type === "code" && markChecks && check ? (
            <>
              <CheckPointsInput value={checkPoints(check)} onCommit={(points) => actions.setCheck(id, { hidden: check.hidden, points })} />
              <span className="check-points-unit" aria-hidden>
                {checkPoints(check) === 1 ? "pt" : "pts"}
              </span>
            </>
          ) : null}
          <select
            tabIndex={-1}
            className="cell-type-select"
            aria-label="Cell type"
            value={type}
            onChange={(e) => actions.setType(id, e.target.value as CellType)}
          >
            {(Object.keys(TYPE_LABELS) as CellType[]).map((t) => (
              <option key={t} value={t}>
                {TYPE_LABELS[t]}
              </option>
            ))}
          </select>
          <span className="toolbar-divider" aria-hidden />
          <IconButton tabIndex={-1} label="Move cell up" hint="Alt+↑" onClick={run("moveUp")} disabled={first}>
            <ArrowUpIcon />
          </IconButton>
          <IconButton tabIndex={-1} label="Move cell down" hint="Alt+↓" onClick={run("moveDown")} disabled={last}>
            <ArrowDownIcon />
          </IconButton>
          <IconButton tabIndex={-1} label="Insert cell above" hint="A" onClick={run("insertAbove")}>
            <InsertAboveIcon />
          </IconButton>
          <IconButton tabIndex={-1} label="Insert cell below" hint="B" onClick={run("insertBelow")}>
            <InsertBelowIcon />
          </IconButton>
          <IconButton tabIndex={-1} label="Split cell at cursor" hint="Ctrl+Shift+-" onClick={run("splitCell")} disabled={!editing}>
            <SplitIcon />
          </IconButton>
          <IconButton tabIndex={-1} label="Merge with cell below" hint="Shift+M" onClick={run("mergeBelow")} disabled={last}>
            <MergeIcon />
          </IconButton>
          <IconButton tabIndex={-1} label={count > 1 ? `Delete ${count} cells` : "Delete cell"} hint="D, D" onClick={run("deleteCell")} className="danger">
            <TrashIcon />
          </IconButton>
        </>
      )}
      <CellMenu id={id} type={type} actions={actions} view={view} locked={locked} count={count} />
      {embedCell ? (
        <>
          <span className="toolbar-divider" aria-hidden />
          <IconButton tabIndex={-1} label="Embed this cell on another site" onClick={() => embedCell(id)}>
            <EmbedIcon />
          </IconButton>
        </>
      ) : null}
    </div>
  );
}

/**
 * What passing a check is worth (partial credit): a positive number, at most CHECK_POINTS_MAX.
 * Written to the cell when the author leaves the field or presses Enter; anything else puts the
 * cell's own value back.
 */
function CheckPointsInput({ value, onCommit }: { value: number; onCommit(points: number): void }) {
  // What the author is typing, until they leave the field; otherwise the cell's value (another
  // author's change, or an undo, shows at once).
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    const points = Number(draft);
    if (draft.trim() !== "" && Number.isFinite(points) && points > 0 && points <= CHECK_POINTS_MAX && points !== value) onCommit(points);
    setDraft(null);
  };
  return (
    <input
      tabIndex={-1}
      type="number"
      className="check-points"
      min={0}
      max={CHECK_POINTS_MAX}
      step="any"
      inputMode="decimal"
      aria-label="Points for this check"
      title={`What passing this check is worth: more than 0, at most ${CHECK_POINTS_MAX}`}
      value={draft ?? String(value)}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === "Enter") {
          e.preventDefault();
          commit();
        }
      }}
    />
  );
}
