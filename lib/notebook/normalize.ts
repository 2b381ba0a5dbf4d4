/**
 * Repair of cells that lost an essential field (position, type, a code cell's outputs array).
 *
 * This is deliberately narrow. A cell can lack a field for a while when updates arrive out of
 * order (see "Gaps" in schema.ts); that heals by itself once the pending update arrives, and
 * writing a default then would only compete with the real value. A gap becomes permanent in one
 * way: an undo or redo restores a cell that was deleted during a gap, or undoes the write that
 * filled one. The undo manager therefore repairs exactly the cells its own undo or redo left
 * incomplete, right afterwards, under the `system` origin (housekeeping, never itself undone).
 * Nobody else can have written to a freshly restored cell, so the repair competes with nothing.
 *
 * The repair keeps what people see: a cell without a position is shown first (it sorts as ""),
 * so it gets a position before every other cell, in the order it is shown in. A cell without a
 * type is shown as raw; it becomes code if it still holds an outputs array, raw otherwise. A code
 * cell without outputs gets an empty outputs array, so the kernel can write results to it again.
 */
import type * as Y from "yjs";
import { generateNKeysBetween } from "fractional-indexing";
import type { CellId } from "./ids";
import { SYSTEM, type Origin } from "./origins";
import {
  cellOutputs,
  missingFields,
  readCellId,
  readPosition,
  writeCellType,
  writePosition,
} from "./schema";
import { orderedCellMaps } from "./selectors";

/** Ids of the cells that lack an essential field, in notebook order. */
export function incompleteCells(doc: Y.Doc): CellId[] {
  return orderedCellMaps(doc)
    .filter((cell) => missingFields(cell).length > 0)
    .map(readCellId);
}

/**
 * Repairs the cells `ids` that still lack an essential field (others, and missing cells, are
 * skipped), in one transaction with `origin`. Returns the ids it repaired.
 */
export function repairCells(doc: Y.Doc, ids: Iterable<CellId>, origin: Origin = SYSTEM): CellId[] {
  const wanted = new Set(ids);
  const repaired: CellId[] = [];
  doc.transact(() => {
    const targets = orderedCellMaps(doc).filter((c) => wanted.has(readCellId(c)) && missingFields(c).length > 0);
    if (targets.length === 0) return;
    const unplaced = targets.filter((c) => missingFields(c).includes("position"));
    if (unplaced.length > 0) {
      const first = orderedCellMaps(doc).map(readPosition).find((p) => p !== "") ?? null;
      const keys = generateNKeysBetween(null, first, unplaced.length);
      unplaced.forEach((cell, i) => writePosition(cell, keys[i]!));
    }
    for (const cell of targets) {
      const missing = missingFields(cell);
      if (missing.includes("type")) writeCellType(cell, cellOutputs(cell) ? "code" : "raw");
      else if (missing.includes("outputs")) writeCellType(cell, "code");
      repaired.push(readCellId(cell));
    }
  }, origin);
  return repaired;
}
