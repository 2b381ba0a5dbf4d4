/**
 * Notebook commands: every change to a notebook is one of these named functions, run in one
 * `doc.transact` with a typed origin, so it is one undo step and one update on the wire.
 *
 * In a collaborative document a cell may disappear under us at any time (someone deleted it), so
 * acting on a missing cell is a no-op that returns false, never a crash. Bad arguments from our own
 * code (an index out of range, an unknown type) throw with the offending values.
 */
import type * as Y from "yjs";
import { generateKeyBetween } from "fractional-indexing";
import { newCellId, type CellId } from "./ids";
import type { Origin } from "./origins";
import {
  cellOutputs,
  cellsMap,
  createCellMap,
  getCellMap,
  isCellType,
  writeCellType,
  writeExecutionCount,
  writePosition,
  type CellType,
} from "./schema";
import { orderedCellMaps } from "./selectors";
import { readPosition } from "./schema";
import type { JsonObject } from "../util/json";

/** Runs `fn` as one transaction with `origin`. */
export function transact<T>(doc: Y.Doc, origin: Origin, fn: () => T): T {
  let result!: T;
  doc.transact(() => {
    result = fn();
  }, origin);
  return result;
}

/** The position key for a cell placed at `index` among `doc`'s cells (0 = first). */
export function positionAt(doc: Y.Doc, index: number, ignore?: CellId): string {
  const cells = orderedCellMaps(doc).filter((c) => c.get("id") !== ignore);
  if (!Number.isInteger(index) || index < 0 || index > cells.length) {
    throw new Error(`Invalid cell index ${index} (notebook has ${cells.length} cells)`);
  }
  const before = index > 0 ? readPosition(cells[index - 1]!) : null;
  const after = index < cells.length ? readPosition(cells[index]!) : null;
  // Equal neighbours (a concurrent insert tie) leave no key strictly between: go just after both.
  if (before !== null && after !== null && before >= after) return generateKeyBetween(before, null);
  return generateKeyBetween(before, after);
}

export interface InsertCellInput {
  /** Index in notebook order at which the new cell appears; defaults to the end. */
  at?: number;
  type: CellType;
  source?: string;
  id?: CellId;
  metadata?: JsonObject;
}

/** Inserts a cell and returns its id. */
export function insertCell(doc: Y.Doc, input: InsertCellInput, origin: Origin): CellId {
  if (!isCellType(input.type)) throw new Error(`Invalid cell type ${JSON.stringify(input.type)}`);
  const id = input.id ?? newCellId();
  return transact(doc, origin, () => {
    if (cellsMap(doc).has(id)) throw new Error(`Cell id ${id} is already in the notebook`);
    const at = input.at ?? cellsMap(doc).size;
    const cell = createCellMap({
      id,
      type: input.type,
      position: positionAt(doc, at),
      source: input.source ?? "",
      metadata: input.metadata ?? {},
    });
    cellsMap(doc).set(id, cell);
    return id;
  });
}

/** Deletes a cell. Returns false when it was already gone. */
export function deleteCell(doc: Y.Doc, id: CellId, origin: Origin): boolean {
  return transact(doc, origin, () => {
    if (!cellsMap(doc).has(id)) return false;
    cellsMap(doc).delete(id);
    return true;
  });
}

/** Moves a cell to `to` (its index in the notebook after the move). Its source and outputs are untouched. */
export function moveCell(doc: Y.Doc, id: CellId, to: number, origin: Origin): boolean {
  return transact(doc, origin, () => {
    const cell = getCellMap(doc, id);
    if (!cell) return false;
    writePosition(cell, positionAt(doc, to, id));
    return true;
  });
}

/** Changes a cell's type; outputs are dropped when a code cell becomes markdown or raw. */
export function setCellType(doc: Y.Doc, id: CellId, type: CellType, origin: Origin): boolean {
  if (!isCellType(type)) throw new Error(`Invalid cell type ${JSON.stringify(type)}`);
  return transact(doc, origin, () => {
    const cell = getCellMap(doc, id);
    if (!cell) return false;
    writeCellType(cell, type);
    return true;
  });
}

/** Replaces a code cell's outputs and execution count. */
export function setOutputs(
  doc: Y.Doc,
  id: CellId,
  outputs: readonly JsonObject[],
  executionCount: number | null,
  origin: Origin,
): boolean {
  return transact(doc, origin, () => {
    const cell = getCellMap(doc, id);
    const array = cell && cellOutputs(cell);
    if (!cell || !array) return false;
    array.delete(0, array.length);
    array.push([...outputs]);
    writeExecutionCount(cell, executionCount);
    return true;
  });
}

/** Clears a code cell's outputs and execution count. */
export function clearOutputs(doc: Y.Doc, id: CellId, origin: Origin): boolean {
  return setOutputs(doc, id, [], null, origin);
}
