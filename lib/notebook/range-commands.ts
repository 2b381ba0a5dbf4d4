/**
 * Commands on several cells at once: what a multi-cell selection (or "all cells") does in one
 * step. Each is one `transact`, so one undo step and one update on the wire, however many cells
 * it touches. As everywhere in the model, cells that are gone by the time the command runs are
 * skipped (a collaborator deleted them); the command acts on the rest.
 */
import type * as Y from "yjs";
import type { CellId } from "./ids";
import type { Origin } from "./origins";
import { clearOutputs, positionsAt, setCellType, transact } from "./commands";
import { cellOutputs, cellsMap, getCellMap, readCellId, readExecution, readExecutionCount, writePosition, type CellType } from "./schema";
import { orderedCellMaps } from "./selectors";

/** Deletes the cells that still exist; returns how many it deleted. */
export function deleteCells(doc: Y.Doc, ids: readonly CellId[], origin: Origin): number {
  return transact(doc, origin, () => {
    let deleted = 0;
    for (const id of new Set(ids)) {
      if (!cellsMap(doc).has(id)) continue;
      cellsMap(doc).delete(id);
      deleted++;
    }
    return deleted;
  });
}

/**
 * Moves the cells one place up or down as a block, as JupyterLab moves a selection: they land,
 * in their present order and next to each other, above the cell just above the first of them (or
 * below the cell just below the last). Returns false, changing nothing, at the notebook's edge or
 * when none of them exists.
 */
export function moveCellsBy(doc: Y.Doc, ids: readonly CellId[], direction: "up" | "down", origin: Origin): boolean {
  return transact(doc, origin, () => {
    const moving = new Set(ids);
    const order = orderedCellMaps(doc).map(readCellId);
    const indices = order.flatMap((id, i) => (moving.has(id) ? [i] : []));
    if (indices.length === 0) return false;
    const neighbour = direction === "up" ? order[indices[0]! - 1] : order[indices[indices.length - 1]! + 1];
    if (neighbour === undefined) return false;
    const present = new Set(indices.map((i) => order[i]!));
    const rest = order.filter((id) => !present.has(id));
    const at = rest.indexOf(neighbour) + (direction === "up" ? 0 : 1);
    const positions = positionsAt(doc, at, present.size, present);
    [...present].forEach((id, i) => writePosition(getCellMap(doc, id)!, positions[i]!));
    return true;
  });
}

/** Changes the type of every cell that still exists; returns how many exist. */
export function setCellsType(doc: Y.Doc, ids: readonly CellId[], type: CellType, origin: Origin): number {
  return transact(doc, origin, () => ids.filter((id) => setCellType(doc, id, type, origin)).length);
}

/**
 * Clears the outputs (and execution count and record) of every code cell among `ids`, or of all
 * cells with "all". Returns the cells it cleared.
 *
 * Outputs are written by the kernel runner under the `kernel` origin, which is never undoable: a
 * run is not a person's edit. Clearing them is a person's edit, so it goes under their own origin
 * and is one undo step (undo.ts tracks only that origin): the undo manager records the deletion
 * of the kernel-written items and an undo puts them back, as JupyterLab's undo does.
 *
 * A cell run again after the clear keeps that newer run through an undo or redo of the clear: its
 * outputs array is new (run-commands.ts, `startRun`), so the old outputs have nowhere to return,
 * and undo.ts keeps the newer record and count, map keys it would otherwise put back.
 */
export function clearCellsOutputs(doc: Y.Doc, ids: readonly CellId[] | "all", origin: Origin): CellId[] {
  return transact(doc, origin, () => {
    const targets = ids === "all" ? orderedCellMaps(doc).map(readCellId) : ids;
    return targets.filter((id) => hasAnyOutput(doc, id) && clearOutputs(doc, id, origin));
  });
}

function hasAnyOutput(doc: Y.Doc, id: CellId): boolean {
  const cell = getCellMap(doc, id);
  if (!cell) return false;
  return (cellOutputs(cell)?.length ?? 0) > 0 || readExecutionCount(cell) !== null || readExecution(cell) !== undefined;
}
