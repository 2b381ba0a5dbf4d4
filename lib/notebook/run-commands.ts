/**
 * Commands that write a run's results: start, append, finish. The kernel runner calls them under
 * the `kernel` origin, so they are never undoable and never mix with anyone's typing.
 *
 * A run owns the outputs array that `startRun` put into the cell, and every later write names the
 * run: when the cell's current execution record has another runId (someone else started a run
 * since, and won), the write is a no-op that returns false and the runner stops writing. So two
 * people running one cell at once never interleave outputs: one whole run wins (schema.ts).
 *
 * Streams arrive in chunks. They are appended as separate stream outputs while the run goes (an
 * append costs the chunk, not the whole output so far), and `finishRun` merges adjacent chunks of
 * one stream into one output, as Jupyter stores them.
 */
import type * as Y from "yjs";
import type { CellId } from "./ids";
import type { Origin } from "./origins";
import { clearOutputs, transact } from "./commands";
import { executionToJson, parseExecution, type ExecutionRecord, type ExecutionStatus, type InputAnswer } from "./execution";
import {
  cellOutputs,
  cellsMap,
  getCellMap,
  readCellType,
  readCellId,
  readExecution,
  readExecutionCount,
  replaceOutputsArray,
  writeExecution,
  writeExecutionCount,
  type CellMap,
} from "./schema";
import { cloneJson, type JsonObject } from "../util/json";

/** The cell's outputs array when `runId` is its current run, else undefined. */
function ownedOutputs(cell: CellMap | undefined, runId: string): Y.Array<JsonObject> | undefined {
  if (!cell || readCellType(cell) !== "code") return undefined;
  if (parseExecution(readExecution(cell))?.runId !== runId) return undefined;
  return cellOutputs(cell);
}

/**
 * Starts a run of a code cell: a fresh outputs array, the execution count cleared, and the record
 * (status "running"). Returns false when the cell is gone or not code.
 */
export function startRun(doc: Y.Doc, id: CellId, record: ExecutionRecord, origin: Origin): boolean {
  if (record.status !== "running") throw new Error(`startRun needs a running record (got ${record.status})`);
  const json = executionToJson(record);
  return transact(doc, origin, () => {
    const cell = getCellMap(doc, id);
    if (!cell || readCellType(cell) !== "code") return false;
    replaceOutputsArray(cell);
    writeExecutionCount(cell, null);
    writeExecution(cell, json);
    return true;
  });
}

/** Appends outputs (nbformat, document form) to the run's outputs. False once the run is superseded. */
export function appendOutputs(doc: Y.Doc, id: CellId, runId: string, outputs: readonly JsonObject[], origin: Origin): boolean {
  if (outputs.length === 0) return true;
  const copies = outputs.map((o) => cloneJson(o));
  return transact(doc, origin, () => {
    const array = ownedOutputs(getCellMap(doc, id), runId);
    if (!array) return false;
    array.push(copies);
    return true;
  });
}

/** Adjacent stream outputs of the same stream, joined: Jupyter's on-disk form. */
export function mergeStreams(outputs: readonly JsonObject[]): JsonObject[] {
  const merged: JsonObject[] = [];
  for (const output of outputs) {
    const last = merged[merged.length - 1];
    if (
      last &&
      output.output_type === "stream" &&
      last.output_type === "stream" &&
      last.name === output.name &&
      typeof last.text === "string" &&
      typeof output.text === "string"
    ) {
      merged[merged.length - 1] = { ...last, text: last.text + output.text };
    } else {
      merged.push(cloneJson(output));
    }
  }
  return merged;
}

export interface RunEnd {
  status: Exclude<ExecutionStatus, "running">;
  executionCount: number | null;
  finishedAt: string;
  /** The Python that ran it, when only known by the end (a run queued while the kernel loaded). */
  python?: string;
  /** The answers its author gave to input(), in order (execution.ts): kept for catch up. */
  inputs?: readonly InputAnswer[];
}

/** Ends a run: stream chunks merged, the execution count and the record's end written. */
export function finishRun(doc: Y.Doc, id: CellId, runId: string, end: RunEnd, origin: Origin): boolean {
  return transact(doc, origin, () => {
    const cell = getCellMap(doc, id);
    const array = ownedOutputs(cell, runId);
    const record = cell ? parseExecution(readExecution(cell)) : undefined;
    if (!cell || !array || !record) return false;
    const current = array.toArray();
    const merged = mergeStreams(current);
    if (merged.length !== current.length) {
      array.delete(0, array.length);
      array.push(merged);
    }
    writeExecutionCount(cell, end.executionCount);
    writeExecution(
      cell,
      executionToJson({
        ...record,
        status: end.status,
        finishedAt: end.finishedAt,
        executionCount: end.executionCount,
        python: end.python ?? record.python,
        inputs: end.inputs ?? record.inputs ?? null,
      }),
    );
    return true;
  });
}

/**
 * Whose outputs `clearOutputsOf` clears: one person's, as their runs' records name them (the name
 * and colour their presence showed, execution.ts), or everyone's.
 */
export type OutputsOf = { readonly name: string; readonly color: string } | "everyone";

/**
 * Clears, in one step, the outputs, execution count and record of every code cell whose outputs
 * came from `whose` runs: "Restart and clear my outputs" (or all of them). A cell without a record
 * (outputs imported from a file) is nobody's in particular: only "everyone" clears it. A run still
 * going that is cleared writes nothing more (its later writes name a record that is gone).
 * Returns the cells it cleared, in no particular order.
 */
export function clearOutputsOf(doc: Y.Doc, whose: OutputsOf, origin: Origin): CellId[] {
  return transact(doc, origin, () => {
    const cleared: CellId[] = [];
    for (const cell of cellsMap(doc).values()) {
      if (readCellType(cell) !== "code") continue;
      const record = parseExecution(readExecution(cell));
      const hasAny = record !== undefined || (cellOutputs(cell)?.length ?? 0) > 0 || readExecutionCount(cell) !== null;
      if (!hasAny) continue;
      const theirs = whose === "everyone" || (record !== undefined && record.by.name === whose.name && record.by.color === whose.color);
      const id = readCellId(cell);
      if (theirs && clearOutputs(doc, id, origin)) cleared.push(id);
    }
    return cleared;
  });
}
