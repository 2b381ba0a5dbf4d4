/**
 * A multi-cell selection, as JupyterLab has it: the active cell (where the keys act, the blue bar)
 * and an anchor, the other end of a contiguous range. Local UI state only: never in the document
 * (STYLE rule 5); presence shows only the active cell. Pure.
 */
import type { CellId } from "../notebook/ids";

/**
 * The selected cells in notebook order: the range from `anchor` to `active`, or just `active` when
 * there is no anchor or it is gone (a collaborator deleted it). Empty when `active` is gone.
 */
export function selectionRange(ids: readonly CellId[], active: CellId | null, anchor: CellId | null): CellId[] {
  const a = active === null ? -1 : ids.indexOf(active);
  if (a < 0) return [];
  const b = anchor === null ? -1 : ids.indexOf(anchor);
  if (b < 0) return [ids[a]!];
  return ids.slice(Math.min(a, b), Math.max(a, b) + 1);
}

/**
 * Extending the selection by one cell up or down (Shift-K / Shift-J), as JupyterLab does: the
 * active cell moves, the anchor stays (set to the active cell when there was none). Returns null
 * at the notebook's edge.
 */
export function extendSelection(
  ids: readonly CellId[],
  active: CellId,
  anchor: CellId | null,
  direction: "up" | "down",
): { active: CellId; anchor: CellId } | null {
  const index = ids.indexOf(active);
  const next = ids[index + (direction === "up" ? -1 : 1)];
  if (index < 0 || next === undefined) return null;
  return { active: next, anchor: anchor !== null && ids.includes(anchor) ? anchor : active };
}
