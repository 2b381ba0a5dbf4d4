"use client";

import { useCallback, useRef, useState } from "react";
import type { CellId } from "@/lib/notebook/ids";
import type { CellType } from "@/lib/notebook/schema";
import type { CellView } from "@/lib/react/cell-view-state";
import type { NotebookAction } from "@/lib/react/notebook-keys";
import type { NotebookActions } from "@/lib/react/use-notebook-controller";
import { useDismiss } from "@/lib/react/use-dismiss";
import { IconButton } from "../ui/icon-button";
import { MoreIcon } from "../ui/icons";

interface Item {
  action: NotebookAction;
  label: string;
  hint: string;
  /** Shown only on code cells. */
  code?: boolean;
}

interface Props {
  id: CellId;
  type: CellType;
  actions: NotebookActions;
  view: CellView;
  /** Whether the cell (or the selection it belongs to) may be changed: cut needs that. */
  locked: boolean;
  /** How many cells the menu acts on (the selection, when this is its active cell). */
  count: number;
}

/**
 * The cell menu (⋯): what command mode's letter keys do (clipboard, selection, outputs, line
 * numbers), for a mouse or a finger. On a phone it is how the selection and outputs are reached.
 */
export function CellMenu({ id, type, actions, view, locked, count }: Props) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, close, box);

  const cells = count > 1 ? `${count} cells` : "cell";
  const items: Item[] = [
    { action: "copyCells", label: `Copy ${cells}`, hint: "C" },
    ...(locked ? [] : [{ action: "cutCells", label: `Cut ${cells}`, hint: "X" } as Item]),
    { action: "pasteBelow", label: "Paste cells below", hint: "V" },
    { action: "pasteAbove", label: "Paste cells above", hint: "Shift+V" },
    { action: "extendDown", label: "Select the next cell too", hint: "Shift+J" },
    { action: "clearOutputs", label: count > 1 ? "Clear outputs" : "Clear output", hint: "", code: true },
    { action: "toggleOutputs", label: view.collapsed ? "Show output" : "Hide output", hint: "O", code: true },
    { action: "toggleOutputsScrolled", label: view.scrolled ? "Show long output in full" : "Scroll long output", hint: "Shift+O", code: true },
    { action: "toggleLineNumbers", label: view.lineNumbers ? "Hide line numbers" : "Show line numbers", hint: "L" },
  ];
  const shown = items.filter((item) => !item.code || type === "code" || count > 1);
  return (
    <div ref={box} className="cell-menu">
      {/* -1: the cell toolbar it sits in keeps one tab stop (use-roving-toolbar.ts). */}
      <IconButton label="Cell options" onClick={() => setOpen(!open)} tabIndex={-1}>
        <MoreIcon />
      </IconButton>
      {open ? (
        <div className="cell-menu-panel" role="menu" aria-label="Cell options">
          {shown.map((item) => (
            <button
              key={item.action}
              type="button"
              role="menuitem"
              className="cell-menu-item"
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => {
                setOpen(false);
                actions.perform(item.action, id, "button");
              }}
            >
              <span>{item.label}</span>
              {item.hint ? <kbd>{item.hint}</kbd> : null}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
