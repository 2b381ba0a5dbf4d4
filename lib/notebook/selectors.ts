/**
 * Read-only views of a notebook document. The UI renders these snapshots; it never walks Y types.
 */
import * as Y from "yjs";
import type { CellId } from "./ids";
import {
  cellOutputs,
  cellsMap,
  cellSourceText,
  readAttachments,
  readCellId,
  readCellMetadata,
  readCellType,
  readExecution,
  readExecutionCount,
  readNotebookMetadata,
  readPosition,
  type CellMap,
  type CellType,
} from "./schema";
import type { JsonObject } from "../util/json";
import { parseExecution, type ExecutionRecord } from "./execution";

export interface CellSnapshot {
  readonly id: CellId;
  readonly type: CellType;
  readonly position: string;
  readonly source: string;
  readonly metadata: JsonObject;
  readonly attachments: JsonObject | undefined;
  /** Empty for markdown and raw cells. */
  readonly outputs: readonly JsonObject[];
  readonly executionCount: number | null;
  /** Code cells: who ran the run whose outputs these are, when, and on which source. */
  readonly execution: ExecutionRecord | undefined;
}

export interface NotebookSnapshot {
  readonly metadata: JsonObject;
  readonly cells: readonly CellSnapshot[];
}

function comparePositions(a: { position: string; id: string }, b: { position: string; id: string }): number {
  if (a.position !== b.position) return a.position < b.position ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The cells' maps in notebook order. An entry that is not a map (stored before the server checked
 * updates: schema.ts) is no cell and is skipped.
 */
export function orderedCellMaps(doc: Y.Doc): CellMap[] {
  const entries: { position: string; id: string; cell: CellMap }[] = [];
  cellsMap(doc).forEach((cell: unknown, id) => {
    if (cell instanceof Y.Map) entries.push({ position: readPosition(cell as CellMap), id, cell: cell as CellMap });
  });
  entries.sort(comparePositions);
  return entries.map((e) => e.cell);
}

/** Cell ids in notebook order. */
export function cellOrder(doc: Y.Doc): CellId[] {
  return orderedCellMaps(doc).map(readCellId);
}

export function snapshotCell(cell: CellMap): CellSnapshot {
  return {
    id: readCellId(cell),
    type: readCellType(cell),
    position: readPosition(cell),
    source: cellSourceText(cell).toString(),
    metadata: readCellMetadata(cell),
    attachments: readAttachments(cell),
    // An output that is not a plain object (a malformed stored document) is left out.
    outputs: (cellOutputs(cell)?.toArray() ?? []).filter(isOutput),
    executionCount: readExecutionCount(cell),
    execution: parseExecution(readExecution(cell)),
  };
}

function isOutput(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Y.AbstractType);
}

export function snapshotNotebook(doc: Y.Doc): NotebookSnapshot {
  return { metadata: readNotebookMetadata(doc), cells: orderedCellMaps(doc).map(snapshotCell) };
}
