/**
 * The notebook document: the only module that knows how a notebook is laid out in Yjs. Every other
 * module reads and writes through the typed accessors here (and the commands built on them).
 *
 *   Y.Doc
 *   ├─ "meta": Y.Map
 *   │    schemaVersion: number          layout version, SCHEMA_VERSION below
 *   │    metadata: JsonObject           nbformat notebook metadata (kernelspec, language_info,
 *   │                                  tandem.lesson, anything unknown), replaced as a whole
 *   └─ "cells": Y.Map<CellId, Y.Map>   one entry per cell:
 *        id: CellId                     also the key; nbformat 4.5 cell id
 *        type: "code" | "markdown" | "raw"
 *        position: string               fractional index; cells are ordered by (position, id)
 *        source: Y.Text                 character-level collaborative text
 *        metadata: JsonObject           nbformat cell metadata, replaced as a whole
 *        attachments?: JsonObject       markdown/raw attachments (nbformat), replaced as a whole
 *        outputs: Y.Array<JsonObject>   code cells: nbformat outputs as plain values
 *        executionCount: number | null  code cells
 *        execution?: JsonObject         code cells: provenance of the run that produced the
 *                                       outputs (who, when, Python, source hash: execution.ts)
 *
 * Why positions instead of an ordered Y.Array of cells: in a Y.Array a move is a delete plus a
 * re-insert, and whatever a collaborator typed into the deleted copy concurrently is lost (this is
 * how jupyter_ydoc behaves). Here a move rewrites one short string and the cell's Y.Text is never
 * touched, so concurrent edits survive a move. Two clients that insert at the same spot may
 * pick the same position; ties are broken by id so every client sees the same order.
 *
 * Why outputs are plain values in a Y.Array rather than nested Y types: outputs are written by a
 * kernel, replaced wholesale and never co-edited, so character-level CRDT history for them would
 * only bloat the document. A run starts by putting a NEW outputs array (and its execution record)
 * into the cell, in one transaction: when two people run one cell at once, last-writer-wins picks
 * one whole run, array and record together, and the other run's outputs go with its array; they
 * can never interleave. `execution` is optional (added in layout version 1 without a bump: a
 * reader treats its absence as "no provenance", which is what older documents mean).
 *
 * Why (almost) no normalization pass: the layout leaves concurrent edits little to repair. Cells
 * are keyed by id, so none can appear twice; each key is written whole by one command and resolved
 * last-writer-wins; equal positions (two concurrent inserts at one spot) are fine, since ties are
 * broken by id. Rewriting state "to fix it" on every client would itself be a stream of
 * conflicting writes.
 *
 * Gaps: a cell map can lack a field for a while. Yjs applies an update's deletions at once but
 * holds back new items whose causal predecessors have not arrived (`store.pendingStructs`); when a
 * move reaches a peer before an update it depends on, the old position is deleted and the new one
 * waits, and the cell has no position until the rest arrives. The same goes for `type` and a code
 * cell's `outputs` (both rewritten by a type change). Readers fall back meanwhile: no position
 * reads as "" and sorts first, no type reads as "raw", no outputs as []. Commands treat "" as no
 * bound. Nothing writes a default during a gap, because the real value is on its way and a default
 * would compete with it. A gap becomes permanent only when an undo restores a cell deleted during
 * one (or, with Yjs's default undo settings, in more ways: see undo.ts); the undo manager repairs
 * exactly the cells its undo or redo leaves incomplete (normalize.ts).
 */
import * as Y from "yjs";
import type { CellId } from "./ids";
import type { JsonObject } from "../util/json";

/** Bump when the layout above changes, and teach `upgradeDocument` the step. */
export const SCHEMA_VERSION = 1;

export const CELL_TYPES = ["code", "markdown", "raw"] as const;
export type CellType = (typeof CELL_TYPES)[number];

export function isCellType(value: unknown): value is CellType {
  return typeof value === "string" && (CELL_TYPES as readonly string[]).includes(value);
}

const ROOT_META = "meta";
const ROOT_CELLS = "cells";

const K = {
  schemaVersion: "schemaVersion",
  metadata: "metadata",
  id: "id",
  type: "type",
  position: "position",
  source: "source",
  attachments: "attachments",
  outputs: "outputs",
  executionCount: "executionCount",
  execution: "execution",
} as const;

/** A cell's shared map. Opaque outside this module and the commands. */
export type CellMap = Y.Map<unknown>;

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT_META);
}

export function cellsMap(doc: Y.Doc): Y.Map<CellMap> {
  return doc.getMap<CellMap>(ROOT_CELLS);
}

export function getCellMap(doc: Y.Doc, id: CellId): CellMap | undefined {
  return cellsMap(doc).get(id);
}

// ---- notebook-level fields ----

export function readSchemaVersion(doc: Y.Doc): number | undefined {
  const v = metaMap(doc).get(K.schemaVersion);
  return typeof v === "number" ? v : undefined;
}

export function writeSchemaVersion(doc: Y.Doc, version: number): void {
  metaMap(doc).set(K.schemaVersion, version);
}

export function readNotebookMetadata(doc: Y.Doc): JsonObject {
  const v = metaMap(doc).get(K.metadata);
  return isPlainObject(v) ? (v as JsonObject) : {};
}

export function writeNotebookMetadata(doc: Y.Doc, metadata: JsonObject): void {
  metaMap(doc).set(K.metadata, metadata);
}

// ---- cell fields ----

export interface NewCellFields {
  id: CellId;
  type: CellType;
  position: string;
  source: string;
  metadata: JsonObject;
  attachments?: JsonObject;
  outputs?: JsonObject[];
  executionCount?: number | null;
  execution?: JsonObject;
}

/** Builds a cell's map, ready to be put into `cellsMap(doc)` inside a transaction. */
export function createCellMap(fields: NewCellFields): CellMap {
  const cell = new Y.Map<unknown>();
  cell.set(K.id, fields.id);
  cell.set(K.type, fields.type);
  cell.set(K.position, fields.position);
  cell.set(K.source, new Y.Text(fields.source));
  cell.set(K.metadata, fields.metadata);
  if (fields.attachments && fields.type !== "code") cell.set(K.attachments, fields.attachments);
  if (fields.type === "code") {
    const outputs = new Y.Array<JsonObject>();
    pushAll(outputs, fields.outputs ?? []);
    cell.set(K.outputs, outputs);
    cell.set(K.executionCount, fields.executionCount ?? null);
    if (fields.execution) cell.set(K.execution, fields.execution);
  }
  return cell;
}

/**
 * The cell's id: its key in the cells map (which its id field repeats, unless a malformed stored
 * document says otherwise), or the id field of a cell map not yet in a document.
 */
export function readCellId(cell: CellMap): CellId {
  const key = cell._item?.parentSub;
  if (typeof key === "string") return key as CellId;
  const id = cell.get(K.id);
  return (typeof id === "string" ? id : "") as CellId;
}

export function readCellType(cell: CellMap): CellType {
  const t = cell.get(K.type);
  return isCellType(t) ? t : "raw";
}

export function writeCellType(cell: CellMap, type: CellType): void {
  cell.set(K.type, type);
  if (type === "code") {
    if (!(cell.get(K.outputs) instanceof Y.Array)) cell.set(K.outputs, new Y.Array<JsonObject>());
    if (!cell.has(K.executionCount)) cell.set(K.executionCount, null);
    cell.delete(K.attachments);
  } else {
    // Jupyter drops outputs when a code cell becomes markdown or raw; so do we.
    cell.delete(K.outputs);
    cell.delete(K.executionCount);
    cell.delete(K.execution);
  }
}

export function readPosition(cell: CellMap): string {
  const p = cell.get(K.position);
  return typeof p === "string" ? p : "";
}

export function writePosition(cell: CellMap, position: string): void {
  cell.set(K.position, position);
}

/**
 * The cell's collaborative source text (the one Y type the editor binding may hold). Total: a cell
 * stored before the server checked updates may lack one, or hold a plain string; it then reads as
 * a stand-in text (that string, or empty) in a throwaway document, so every reader carries on and
 * edits to it go nowhere.
 */
export function cellSourceText(cell: CellMap): Y.Text {
  const t = cell.get(K.source);
  if (t instanceof Y.Text) return t;
  let standIn = standIns.get(cell);
  if (!standIn) {
    standIn = new Y.Doc().getText(K.source);
    if (typeof t === "string") standIn.insert(0, t);
    standIns.set(cell, standIn);
  }
  return standIn;
}

/** Whether the cell holds a real source text (see cellSourceText). */
export function hasSourceText(cell: CellMap): boolean {
  return cell.get(K.source) instanceof Y.Text;
}

const standIns = new WeakMap<CellMap, Y.Text>();

export function readCellMetadata(cell: CellMap): JsonObject {
  const v = cell.get(K.metadata);
  return isPlainObject(v) ? (v as JsonObject) : {};
}

export function writeCellMetadata(cell: CellMap, metadata: JsonObject): void {
  cell.set(K.metadata, metadata);
}

export function readAttachments(cell: CellMap): JsonObject | undefined {
  const v = cell.get(K.attachments);
  return isPlainObject(v) ? (v as JsonObject) : undefined;
}

/** Markdown and raw cells only: nbformat has no attachments on code cells. */
export function writeAttachments(cell: CellMap, attachments: JsonObject): void {
  cell.set(K.attachments, attachments);
}

/** The cell's outputs array, or undefined for markdown/raw cells. */
export function cellOutputs(cell: CellMap): Y.Array<JsonObject> | undefined {
  const v = cell.get(K.outputs);
  return v instanceof Y.Array ? (v as Y.Array<JsonObject>) : undefined;
}

export function readExecutionCount(cell: CellMap): number | null {
  const v = cell.get(K.executionCount);
  return typeof v === "number" ? v : null;
}

export function writeExecutionCount(cell: CellMap, count: number | null): void {
  cell.set(K.executionCount, count);
}

/** Puts a fresh, empty outputs array into a code cell (a new run: see the layout notes above). */
export function replaceOutputsArray(cell: CellMap): Y.Array<JsonObject> {
  const outputs = new Y.Array<JsonObject>();
  cell.set(K.outputs, outputs);
  return outputs;
}

/** The provenance of the cell's outputs (execution.ts reads it), or undefined. */
export function readExecution(cell: CellMap): JsonObject | undefined {
  const v = cell.get(K.execution);
  return isPlainObject(v) ? (v as JsonObject) : undefined;
}

export function writeExecution(cell: CellMap, execution: JsonObject | null): void {
  if (execution === null) cell.delete(K.execution);
  else cell.set(K.execution, execution);
}

/** A field of a cell map that the model cannot do without. */
export type EssentialField = "position" | "type" | "outputs";

/**
 * The essential fields `cell` lacks: its position, its type, or (for a code cell) its outputs
 * array. See "Gaps" above for how a cell can lose one; readers fall back meanwhile.
 */
export function missingFields(cell: CellMap): EssentialField[] {
  const missing: EssentialField[] = [];
  if (typeof cell.get(K.position) !== "string" || cell.get(K.position) === "") missing.push("position");
  if (!isCellType(cell.get(K.type))) missing.push("type");
  else if (cell.get(K.type) === "code" && !(cell.get(K.outputs) instanceof Y.Array)) missing.push("outputs");
  return missing;
}

// A Y.Array not yet in a document takes `push(items)` as `prelim.push(...items)`, which throws
// RangeError past the engine's argument limit (~120,000 items); chunks keep any length safe.
const PUSH_CHUNK = 10_000;

function pushAll(array: Y.Array<JsonObject>, items: readonly JsonObject[]): void {
  for (let i = 0; i < items.length; i += PUSH_CHUNK) array.push(items.slice(i, i + PUSH_CHUNK));
}

function isPlainObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Y.AbstractType);
}
