/**
 * Notebook commands: every change to a notebook is one of these named functions, run in one
 * `doc.transact` with a typed origin, so it is one undo step and one update on the wire.
 *
 * In a collaborative document a cell may disappear under us at any time (someone deleted it), so
 * acting on a missing cell is a no-op that returns false (or null), never a crash. Bad arguments
 * from our own code (an index out of range, an unknown type) throw with the offending values,
 * before anything is written: Yjs has no rollback, so a throw half-way would leave half a command.
 *
 * Metadata and outputs are stored as plain values. Yjs keeps the caller's object by reference in
 * the local document, so a caller mutating it later would change what this client sees without
 * sending an update; every command therefore stores a JSON copy.
 */
import * as Y from "yjs";
import { generateNKeysBetween } from "fractional-indexing";
import { newCellId, type CellId } from "./ids";
import type { Origin } from "./origins";
import {
  cellOutputs,
  cellsMap,
  cellSourceText,
  createCellMap,
  getCellMap,
  isCellType,
  readAttachments,
  readCellId,
  readCellType,
  readPosition,
  writeAttachments,
  writeCellMetadata,
  writeCellType,
  writeExecution,
  writeExecutionCount,
  writeNotebookMetadata,
  writePosition,
  type CellMap,
  type CellType,
} from "./schema";
import { orderedCellMaps } from "./selectors";
import { cloneJson, isJsonObject, type JsonObject } from "../util/json";

/**
 * Key set to `true` in `Transaction.meta` of every command's transaction. The undo manager uses it
 * to make each command one undo step of its own, while plain text edits from the editor binding
 * (which are not commands) are grouped by time.
 */
export const COMMAND_META = "tandem.command";

/** Runs `fn` as one transaction with `origin`, marked as a command (see `COMMAND_META`). */
export function transact<T>(doc: Y.Doc, origin: Origin, fn: () => T): T {
  let result!: T;
  doc.transact((tr) => {
    tr.meta.set(COMMAND_META, true);
    result = fn();
  }, origin);
  return result;
}

/**
 * `count` ascending position keys for cells placed at `index` among `doc`'s cells (0 = first),
 * leaving out the cell or cells `ignore` (the ones being moved).
 */
export function positionsAt(doc: Y.Doc, index: number, count: number, ignore?: CellId | ReadonlySet<CellId>): string[] {
  const skip = (id: CellId) => (typeof ignore === "string" ? id === ignore : ignore?.has(id) === true);
  const cells = orderedCellMaps(doc).filter((c) => !skip(readCellId(c)));
  if (!Number.isInteger(index) || index < 0 || index > cells.length) {
    throw new Error(`Invalid cell index ${index} (notebook has ${cells.length} cells)`);
  }
  // A cell can lack its position for a moment (see "Transient gaps" in schema.ts): it reads as ""
  // and sorts first. "" is no key, so it bounds nothing: as a lower bound it means the start.
  const before = (index > 0 && readPosition(cells[index - 1]!)) || null;
  // The upper bound is the first position strictly greater than `before`. Two clients inserting at
  // the same spot can pick the same key; between such equal neighbours there is no key, so the new
  // cells go right after the tied group rather than somewhere further down.
  let after: string | null = null;
  for (let i = index; i < cells.length; i++) {
    const position = readPosition(cells[i]!);
    if (position !== "" && (before === null || position > before)) {
      after = position;
      break;
    }
  }
  return generateNKeysBetween(before, after, count);
}

/** The position key for a cell placed at `index` among `doc`'s cells (0 = first). */
export function positionAt(doc: Y.Doc, index: number, ignore?: CellId): string {
  return positionsAt(doc, index, 1, ignore)[0]!;
}

/** A cell to create: what `insertCell` and `insertCells` take besides the index. */
export interface NewCellInput {
  type: CellType;
  source?: string;
  /** Defaults to a new random id; an id already in the notebook is an error. */
  id?: CellId;
  metadata?: JsonObject;
  /** Markdown and raw cells only. */
  attachments?: JsonObject;
  /** Code cells only: outputs in document form (multiline strings joined), e.g. from a paste. */
  outputs?: readonly JsonObject[];
  executionCount?: number | null;
}

export interface InsertCellInput extends NewCellInput {
  /** Index in notebook order at which the new cell appears; defaults to the end. */
  at?: number;
}

function checkNewCell(input: NewCellInput): void {
  if (!isCellType(input.type)) throw new Error(`Invalid cell type ${JSON.stringify(input.type)}`);
  if (input.source !== undefined && typeof input.source !== "string") {
    throw new Error(`Invalid cell source ${JSON.stringify(input.source)} (expected a string)`);
  }
  if (input.metadata !== undefined && !isJsonObject(input.metadata)) {
    throw new Error(`Invalid cell metadata ${JSON.stringify(input.metadata)} (expected an object)`);
  }
}

function buildCell(input: NewCellInput, id: CellId, position: string): CellMap {
  return createCellMap({
    id,
    type: input.type,
    position,
    source: input.source ?? "",
    metadata: cloneJson(input.metadata ?? {}),
    ...(input.attachments ? { attachments: cloneJson(input.attachments) } : {}),
    ...(input.outputs ? { outputs: input.outputs.map((o) => cloneJson(o)) } : {}),
    ...(input.executionCount !== undefined ? { executionCount: input.executionCount } : {}),
  });
}

/** A fresh id not yet in the notebook (a clash is about 2^-62 likely, but costs nothing to rule out). */
function unusedCellId(doc: Y.Doc): CellId {
  let id = newCellId();
  while (cellsMap(doc).has(id)) id = newCellId();
  return id;
}

/** Inserts a cell and returns its id. */
export function insertCell(doc: Y.Doc, input: InsertCellInput, origin: Origin): CellId {
  const { at, ...cell } = input;
  return insertCells(doc, { at, cells: [cell] }, origin)[0]!;
}

/**
 * Inserts several cells in order, as one transaction and one undo step (a paste), and returns their
 * ids. Cells without an id get a new one; a paste should leave ids out, since the copied cells
 * usually still exist.
 */
export function insertCells(
  doc: Y.Doc,
  input: { at?: number; cells: readonly NewCellInput[] },
  origin: Origin,
): CellId[] {
  input.cells.forEach(checkNewCell);
  return transact(doc, origin, () => {
    const given = input.cells.map((c) => c.id).filter((id) => id !== undefined);
    const twice = given.find((id, i) => given.indexOf(id) !== i);
    if (twice !== undefined) throw new Error(`Cell id ${twice} is given twice`);
    const clash = given.find((id) => cellsMap(doc).has(id));
    if (clash !== undefined) throw new Error(`Cell id ${clash} is already in the notebook`);
    const positions = positionsAt(doc, input.at ?? cellsMap(doc).size, input.cells.length);
    return input.cells.map((cell, i) => {
      const id = cell.id ?? unusedCellId(doc);
      cellsMap(doc).set(id, buildCell(cell, id, positions[i]!));
      return id;
    });
  });
}

/**
 * A new document holding `cells`, in that order, written under `origin` (a load: not undoable).
 * For a document of the page's own that no room shares (an embed reader's copy); a live notebook's
 * document comes from its stored updates, never from cells (STYLE.md, convention 12).
 */
export function documentWithCells(cells: readonly NewCellInput[], origin: Origin): Y.Doc {
  const doc = new Y.Doc();
  insertCells(doc, { cells }, origin);
  return doc;
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

/**
 * Changes a cell's type; outputs are dropped when a code cell becomes markdown or raw. Setting the
 * type a cell already has writes nothing: a redundant write would still win a last-writer-wins
 * race against a collaborator's real change.
 */
export function setCellType(doc: Y.Doc, id: CellId, type: CellType, origin: Origin): boolean {
  if (!isCellType(type)) throw new Error(`Invalid cell type ${JSON.stringify(type)}`);
  return transact(doc, origin, () => {
    const cell = getCellMap(doc, id);
    if (!cell) return false;
    if (readCellType(cell) !== type) writeCellType(cell, type);
    return true;
  });
}

/**
 * Replaces a code cell's outputs and execution count. Returns false for a missing cell and for a
 * cell that is not code (a concurrent type change can leave an outputs array on a markdown cell;
 * outputs must not land there).
 */
export function setOutputs(
  doc: Y.Doc,
  id: CellId,
  outputs: readonly JsonObject[],
  executionCount: number | null,
  origin: Origin,
): boolean {
  if (executionCount !== null && !(Number.isInteger(executionCount) && executionCount >= 0)) {
    throw new Error(`Invalid execution count ${executionCount} (expected an integer >= 0 or null)`);
  }
  const copies = outputs.map((o) => cloneJson(o));
  return transact(doc, origin, () => {
    const cell = getCellMap(doc, id);
    const array = cell && readCellType(cell) === "code" ? cellOutputs(cell) : undefined;
    if (!cell || !array) return false;
    array.delete(0, array.length);
    array.push(copies);
    writeExecutionCount(cell, executionCount);
    return true;
  });
}

/** Clears a code cell's outputs, execution count and their provenance. */
export function clearOutputs(doc: Y.Doc, id: CellId, origin: Origin): boolean {
  return transact(doc, origin, () => {
    if (!setOutputs(doc, id, [], null, origin)) return false;
    writeExecution(getCellMap(doc, id)!, null);
    return true;
  });
}

/** Replaces a cell's metadata (nbformat cell metadata) as a whole. */
export function setCellMetadata(doc: Y.Doc, id: CellId, metadata: JsonObject, origin: Origin): boolean {
  if (!isJsonObject(metadata)) throw new Error(`Invalid cell metadata ${JSON.stringify(metadata)} (expected an object)`);
  const copy = cloneJson(metadata);
  return transact(doc, origin, () => {
    const cell = getCellMap(doc, id);
    if (!cell) return false;
    writeCellMetadata(cell, copy);
    return true;
  });
}

/** Replaces the notebook's metadata (kernelspec, language_info, tandem.lesson, ...) as a whole. */
export function setNotebookMetadata(doc: Y.Doc, metadata: JsonObject, origin: Origin): void {
  if (!isJsonObject(metadata)) throw new Error(`Invalid notebook metadata ${JSON.stringify(metadata)} (expected an object)`);
  const copy = cloneJson(metadata);
  transact(doc, origin, () => writeNotebookMetadata(doc, copy));
}

// ---- source text: split, merge, replace ----

/** True when `offset` falls between the two halves of a UTF-16 surrogate pair. */
function insideSurrogatePair(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

/**
 * Rewrites `text` into `next` with one deletion and one insertion confined to the part that differs
 * (common prefix and suffix kept). Characters outside that span keep their CRDT identity, so a
 * collaborator's concurrent edit there survives. The span never starts or ends inside a surrogate
 * pair: Yjs would turn a split pair into U+FFFD.
 */
function replaceText(text: Y.Text, next: string): void {
  const current = text.toString();
  if (current === next) return;
  const limit = Math.min(current.length, next.length);
  let prefix = 0;
  while (prefix < limit && current.charCodeAt(prefix) === next.charCodeAt(prefix)) prefix++;
  if (insideSurrogatePair(current, prefix) || insideSurrogatePair(next, prefix)) prefix--;
  let suffix = 0;
  while (
    suffix < limit - prefix &&
    current.charCodeAt(current.length - 1 - suffix) === next.charCodeAt(next.length - 1 - suffix)
  ) {
    suffix++;
  }
  if (insideSurrogatePair(current, current.length - suffix) || insideSurrogatePair(next, next.length - suffix)) suffix--;
  const removed = current.length - prefix - suffix;
  if (removed > 0) text.delete(prefix, removed);
  const inserted = next.slice(prefix, next.length - suffix);
  if (inserted) text.insert(prefix, inserted);
}

/**
 * Replaces a cell's whole source with `text` (an import or a "reset to the lesson's version"),
 * editing only the span that differs, so a collaborator's concurrent typing elsewhere survives.
 */
export function setSource(doc: Y.Doc, id: CellId, text: string, origin: Origin): boolean {
  if (typeof text !== "string") throw new Error(`Invalid cell source ${JSON.stringify(text)} (expected a string)`);
  return transact(doc, origin, () => {
    const cell = getCellMap(doc, id);
    if (!cell) return false;
    replaceText(cellSourceText(cell), text);
    return true;
  });
}

/** Attachments of `attachments` that `source` refers to (markdown writes `attachment:<name>`). */
function referencedAttachments(attachments: JsonObject | undefined, source: string): JsonObject | undefined {
  if (!attachments) return undefined;
  const used = Object.entries(attachments).filter(([name]) => source.includes(`attachment:${name}`));
  return used.length > 0 ? cloneJson(Object.fromEntries(used)) : undefined;
}

/**
 * Splits a cell at `offset` (a UTF-16 offset into its source, 0..length) into two cells of the same
 * type, and returns the new second cell's id, or null when the cell is gone.
 *
 * The first cell keeps its id, its source text object (so concurrent typing before the split point
 * survives), its metadata, outputs and attachments. The second cell is new, placed right after it,
 * with empty metadata and no outputs; it gets copies of the attachments its text refers to.
 *
 * One line break at the split point is dropped (the one just after the offset, else the one just
 * before), as Jupyter trims the parts: splitting at the end or at the start of a line gives two
 * clean cells, and splitting a merged cell where the merge joined it gives back the originals.
 */
export function splitCell(doc: Y.Doc, id: CellId, offset: number, origin: Origin): CellId | null {
  return transact(doc, origin, () => {
    const cell = getCellMap(doc, id);
    if (!cell) return null;
    const text = cellSourceText(cell);
    const source = text.toString();
    if (!Number.isInteger(offset) || offset < 0 || offset > source.length) {
      throw new Error(`Invalid split offset ${offset} (cell ${id} has ${source.length} characters)`);
    }
    if (insideSurrogatePair(source, offset)) {
      throw new Error(`Invalid split offset ${offset} (inside a surrogate pair in cell ${id})`);
    }
    let cut = offset;
    let tail = offset;
    if (source[offset] === "\n") tail = offset + 1;
    else if (offset > 0 && source[offset - 1] === "\n") cut = offset - 1;

    const type = readCellType(cell);
    const index = orderedCellMaps(doc).indexOf(cell);
    const newId = unusedCellId(doc);
    const second = source.slice(tail);
    const attachments = type === "code" ? undefined : referencedAttachments(readAttachments(cell), second);
    const position = positionAt(doc, index + 1);
    text.delete(cut, source.length - cut);
    cellsMap(doc).set(newId, buildCell({ type, source: second, ...(attachments ? { attachments } : {}) }, newId, position));
    return newId;
  });
}

/**
 * Merges cells into the first of them in notebook order, Jupyter's "merge cells": their sources are
 * joined with "\n" and the other cells are deleted. Returns false (and changes nothing) when any of
 * them is gone.
 *
 * - The merged cell keeps the first cell's id, type, metadata and source text object (typing into
 *   it concurrently survives; typing into the deleted cells is lost, as with any delete). When the
 *   types differ, the first cell's type wins, as in Jupyter.
 * - A code result has its outputs and execution count cleared, as in Jupyter: the merged code has
 *   not been run. A markdown or raw result gains the attachments of the merged markdown and raw
 *   cells (the first cell's win on a name clash), so their `attachment:` links still resolve.
 * - The cells need not be adjacent: a collaborator may have inserted one between them since the
 *   selection was made. Cells in between stay where they are.
 *
 * Two people merging the same cells concurrently each append the others' text, so it appears
 * twice in the result; the result is the same on every client.
 */
export function mergeCells(doc: Y.Doc, ids: readonly CellId[], origin: Origin): boolean {
  if (ids.length < 2) throw new Error(`mergeCells needs at least two cells (got ${ids.length})`);
  if (new Set(ids).size !== ids.length) throw new Error(`mergeCells got a cell twice: ${ids.join(", ")}`);
  return transact(doc, origin, () => {
    if (ids.some((id) => !cellsMap(doc).has(id))) return false;
    const wanted = new Set<string>(ids);
    const [first, ...rest] = orderedCellMaps(doc).filter((c) => wanted.has(readCellId(c)));
    if (!first) return false;
    const text = cellSourceText(first);
    text.insert(text.length, rest.map((c) => `\n${cellSourceText(c).toString()}`).join(""));
    if (readCellType(first) === "code") {
      const outputs = cellOutputs(first);
      if (outputs && outputs.length > 0) outputs.delete(0, outputs.length);
      writeExecutionCount(first, null);
    } else {
      const merged: JsonObject = {};
      for (const c of [...rest].reverse()) Object.assign(merged, readCellType(c) === "code" ? {} : readAttachments(c));
      Object.assign(merged, readAttachments(first));
      if (Object.keys(merged).length > 0) writeAttachments(first, cloneJson(merged));
    }
    for (const c of rest) cellsMap(doc).delete(readCellId(c));
    return true;
  });
}

// ---- find and replace ----

/** One replacement in a cell's source: `expected` is the text `from`..`to` held when it was found. */
export interface SourceEdit {
  readonly cellId: CellId;
  readonly from: number;
  readonly to: number;
  readonly expected: string;
  readonly insert: string;
}

/**
 * Replaces ranges of cells' sources (find and replace: one match, or all of them across the
 * notebook) as one transaction and one undo step, and returns how many were made.
 *
 * Only the matched ranges are written (a deletion and an insertion each, last range first so
 * earlier offsets hold), so a collaborator's concurrent typing elsewhere in a cell survives. An
 * edit whose cell is gone, whose range no longer holds `expected` (someone changed it since it was
 * found) or overlaps an earlier edit of the same cell is skipped, not forced.
 */
export function replaceInSources(doc: Y.Doc, edits: readonly SourceEdit[], origin: Origin): number {
  for (const e of edits) {
    if (!Number.isInteger(e.from) || !Number.isInteger(e.to) || e.from < 0 || e.to < e.from) {
      throw new Error(`Invalid replace range ${e.from} to ${e.to} (cell ${e.cellId})`);
    }
    if (typeof e.insert !== "string" || typeof e.expected !== "string") {
      throw new Error(`Invalid replacement ${JSON.stringify(e.insert)} for ${JSON.stringify(e.expected)} (cell ${e.cellId})`);
    }
  }
  const byCell = new Map<CellId, SourceEdit[]>();
  for (const e of edits) byCell.set(e.cellId, [...(byCell.get(e.cellId) ?? []), e]);
  if (edits.length === 0) return 0;
  return transact(doc, origin, () => {
    let made = 0;
    for (const [id, cellEdits] of byCell) {
      const cell = getCellMap(doc, id);
      if (!cell) continue;
      const text = cellSourceText(cell);
      const source = text.toString();
      const kept: SourceEdit[] = [];
      for (const e of cellEdits) {
        if (e.to > source.length || source.slice(e.from, e.to) !== e.expected) continue;
        if (kept.some((k) => e.from < k.to && k.from < e.to)) continue;
        kept.push(e);
      }
      for (const e of kept.sort((a, b) => b.from - a.from)) {
        if (e.to > e.from) text.delete(e.from, e.to - e.from);
        if (e.insert) text.insert(e.from, e.insert);
      }
      made += kept.length;
    }
    return made;
  });
}
