/**
 * The one place that converts between .ipynb (nbformat 4) and the notebook document.
 *
 * Import builds a NEW document (an import never rebuilds a live one). It accepts any nbformat 4.x:
 * list-form sources are joined, missing or duplicate cell ids (before 4.5) are replaced with ids
 * derived from the cells (the same file, the same ids), and unknown metadata and unknown output
 * types are kept. Export always writes nbformat 4.5 with nbformat's multiline rules (lines.ts);
 * writer.ts lays the file out as Jupyter's writer does, so import -> export is stable.
 *
 * A code cell's execution provenance (execution.ts) lives in its own document key and travels in
 * the file as cell metadata `tandem.execution`; import takes it back out of the metadata.
 */
import * as Y from "yjs";
import { generateNKeysBetween } from "fractional-indexing";
import { derivedCellId, isCellId, type CellId } from "../ids";
import { LOAD, type Origin } from "../origins";
import {
  SCHEMA_VERSION,
  cellsMap,
  createCellMap,
  writeNotebookMetadata,
  writeSchemaVersion,
} from "../schema";
import { snapshotNotebook } from "../selectors";
import { cloneJson, type JsonObject, type JsonValue } from "../../util/json";
import { executionToJson, parseExecution, type ExecutionRecord } from "../execution";
import { joinBundle, joinMultiline, splitBundle, splitLines } from "./lines";
import { outputToDocument, outputToFile } from "./outputs";
import type { LenientNotebook } from "./schema";

/** A notebook as Tandem writes it: nbformat 4.5 (outputs of unknown type pass through). */
export interface IpynbNotebook {
  metadata: JsonObject;
  nbformat: 4;
  nbformat_minor: 5;
  cells: IpynbCell[];
}

export type IpynbCell =
  | {
      id: string;
      cell_type: "code";
      metadata: JsonObject;
      source: string[];
      outputs: JsonObject[];
      execution_count: number | null;
    }
  | { id: string; cell_type: "markdown" | "raw"; metadata: JsonObject; source: string[]; attachments?: JsonObject };

// cloneJson, not a JSON round trip: it does not recurse, so no depth of metadata overflows the stack.
const toJson = <T>(value: unknown): T => cloneJson((value ?? {}) as JsonValue) as T;

/** Writes `nb` into an empty document in one transaction. */
export function loadIpynbInto(doc: Y.Doc, nb: LenientNotebook, origin: Origin = LOAD): void {
  if (cellsMap(doc).size > 0) throw new Error(`loadIpynbInto needs an empty document (it has ${cellsMap(doc).size} cells)`);
  doc.transact(() => writeIpynb(doc, nb), origin);
}

/**
 * Makes the document hold `nb` (a saved version) as one new change: every cell is replaced, in
 * one transaction, so everyone in the room sees the restore at once and can undo it like any
 * other change. History is kept: nothing is rewritten.
 */
export function replaceWithIpynb(doc: Y.Doc, nb: LenientNotebook, origin: Origin): void {
  doc.transact(() => {
    const cells = cellsMap(doc);
    for (const id of [...cells.keys()]) cells.delete(id);
    writeIpynb(doc, nb);
  }, origin);
}

function writeIpynb(doc: Y.Doc, nb: LenientNotebook): void {
  const positions = generateNKeysBetween(null, null, nb.cells.length);
  const used = new Set<string>();
  {
    writeSchemaVersion(doc, SCHEMA_VERSION);
    writeNotebookMetadata(doc, toJson<JsonObject>(nb.metadata));
    nb.cells.forEach((cell, index) => {
      // A file without ids (before 4.5), or with a duplicate or invalid one: an id derived from the
      // cell's place and source, so that importing the same file twice gives the same ids.
      let id: CellId = isCellId(cell.id) && !used.has(cell.id) ? cell.id : derivedCellId(`${index}\u0000${joinMultiline(cell.source)}`);
      for (let n = 1; used.has(id); n++) id = derivedCellId(`${index}\u0000${n}\u0000${joinMultiline(cell.source)}`);
      used.add(id);
      const metadata = toJson<JsonObject>(cell.metadata);
      const execution = cell.cell_type === "code" ? takeExecution(metadata) : undefined;
      const common = { id, position: positions[index]!, source: joinMultiline(cell.source), metadata };
      const map =
        cell.cell_type === "code"
          ? createCellMap({
              ...common,
              type: "code",
              outputs: cell.outputs.map((o) => outputToDocument(o as Record<string, unknown>)),
              executionCount: cell.execution_count,
              ...(execution ? { execution: executionToJson(execution) } : {}),
            })
          : createCellMap({
              ...common,
              type: cell.cell_type,
              ...(cell.attachments
                ? { attachments: toJson<JsonObject>(mapAttachments(cell.attachments, joinBundle)) }
                : {}),
            });
      cellsMap(doc).set(id, map);
    });
  }
}

/** Removes a valid `tandem.execution` from cell metadata and returns it (malformed ones stay put). */
function takeExecution(metadata: JsonObject): ExecutionRecord | undefined {
  const tandem = metadata.tandem;
  if (typeof tandem !== "object" || tandem === null || Array.isArray(tandem)) return undefined;
  const execution = parseExecution(tandem.execution);
  if (!execution) return undefined;
  const { execution: _taken, ...rest } = tandem;
  if (Object.keys(rest).length > 0) metadata.tandem = rest;
  else delete metadata.tandem;
  return execution;
}

/** Cell metadata with the provenance put back under `tandem.execution`. */
function withExecution(metadata: JsonObject, execution: ExecutionRecord | undefined): JsonObject {
  if (!execution) return metadata;
  const tandem = typeof metadata.tandem === "object" && metadata.tandem !== null && !Array.isArray(metadata.tandem) ? metadata.tandem : {};
  return { ...metadata, tandem: { ...tandem, execution: executionToJson(execution) } };
}

/** A new document holding `nb`. */
export function documentFromIpynb(nb: LenientNotebook): Y.Doc {
  const doc = new Y.Doc();
  loadIpynbInto(doc, nb);
  return doc;
}

function mapAttachments(
  attachments: Record<string, Record<string, unknown>>,
  fn: (bundle: Record<string, unknown>) => Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, bundle] of Object.entries(attachments)) out[name] = fn(bundle);
  return out;
}

/**
 * `read()`, or `fallback` when a malformed stored part (an output or attachments written before
 * the server checked updates) does not convert: export leaves that part out instead of failing.
 */
function totalOr<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

/** The document as an nbformat 4.5 notebook; total (malformed parts are left out). */
export function ipynbFromDocument(doc: Y.Doc): IpynbNotebook {
  const snapshot = snapshotNotebook(doc);
  const cells = snapshot.cells.map((cell): IpynbCell => {
    const source = splitLines(cell.source);
    const metadata = toJson<JsonObject>(cell.metadata);
    if (cell.type === "code") {
      return {
        id: cell.id,
        cell_type: "code",
        metadata: withExecution(metadata, cell.execution),
        source,
        outputs: cell.outputs.flatMap((o) => totalOr(() => [outputToFile(o)], [])),
        execution_count: cell.executionCount,
      };
    }
    const given = cell.attachments;
    const attachments = given
      ? totalOr(() => toJson<JsonObject>(mapAttachments(given as Record<string, Record<string, unknown>>, (b) => splitBundle(joinBundle(b)))), undefined)
      : undefined;
    return { id: cell.id, cell_type: cell.type, metadata, source, ...(attachments ? { attachments } : {}) };
  });
  return { metadata: toJson<JsonObject>(snapshot.metadata), nbformat: 4, nbformat_minor: 5, cells };
}
