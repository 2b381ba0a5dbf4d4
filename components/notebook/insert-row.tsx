"use client";

import { memo } from "react";
import type { CellType } from "@/lib/notebook/schema";
import { PlusIcon } from "../ui/icons";

interface Props {
  /** Where the new cell goes. */
  index: number;
  onInsert: (index: number, type: CellType) => void;
  /** Always shown (after the last cell), rather than on hover (in the gap above a cell). */
  always?: boolean;
}

/**
 * "+ Code" and "+ Text": in the gap above each cell on hover, and after the last one always. The
 * keyboard has A and B and the cell toolbar's Insert buttons instead of the gaps' rows, which stay
 * out of the tab order (one tab stop per cell: use-cell-tab-stops.ts); the last row is in it.
 */
export const InsertRow = memo(function InsertRow({ index, onInsert, always = false }: Props) {
  const tabIndex = always ? undefined : -1;
  return (
    <div className={`insert-row${always ? " insert-row-always" : ""}`}>
      <button type="button" className="insert-button" tabIndex={tabIndex} onClick={() => onInsert(index, "code")}>
        <PlusIcon /> Code
      </button>
      <button type="button" className="insert-button" tabIndex={tabIndex} onClick={() => onInsert(index, "markdown")}>
        <PlusIcon /> Text
      </button>
    </div>
  );
});
