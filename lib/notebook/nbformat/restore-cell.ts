/**
 * Restoring one cell from a saved version (nbformat, as versions keep their cells) into the live
 * document, as one command: one transaction, one change everyone in the room sees, one undo step.
 *
 * A cell still in the notebook gets the version's type, source, metadata and (code) outputs back,
 * its source rewritten only where it differs, so a collaborator's typing elsewhere in it survives.
 * A deleted cell comes back with its id, after the nearest cell that preceded it in the version and
 * is still there (first, when none is).
 */
import type * as Y from "yjs";
import { executionToJson, parseExecution } from "../execution";
import type { CellId } from "../ids";
import { isCellId } from "../ids";
import type { Origin } from "../origins";
import { getCellMap, readCellId, writeExecution } from "../schema";
import { orderedCellMaps } from "../selectors";
import { insertCell, setCellMetadata, setCellType, setOutputs, setSource, transact } from "../commands";
import { cloneJson, isJsonObject, type JsonObject } from "../../util/json";
import type { IpynbCell } from "./convert";
import { joinMultiline } from "./lines";
import { outputToDocument } from "./outputs";

/** The metadata without Tandem's provenance (`tandem.execution`), which the cell keeps apart. */
function splitProvenance(metadata: JsonObject): { metadata: JsonObject; execution: JsonObject | null } {
  const copy = cloneJson(metadata);
  const tandem = copy.tandem;
  if (!isJsonObject(tandem) || tandem.execution === undefined) return { metadata: copy, execution: null };
  const parsed = parseExecution(tandem.execution);
  delete tandem.execution;
  if (Object.keys(tandem).length === 0) delete copy.tandem;
  return { metadata: copy, execution: parsed ? executionToJson(parsed) : null };
}

/**
 * Writes `cell` (from a version) into `doc`. `before`: the ids of the cells that preceded it in
 * the version, nearest first (where a deleted cell goes back). Returns false for a malformed id.
 */
export function restoreCell(doc: Y.Doc, cell: IpynbCell, before: readonly string[], origin: Origin): boolean {
  if (!isCellId(cell.id)) return false;
  const id: CellId = cell.id;
  const source = joinMultiline(cell.source);
  const { metadata, execution } = splitProvenance(isJsonObject(cell.metadata) ? cell.metadata : {});
  const outputs = cell.cell_type === "code" ? cell.outputs.map((o) => outputToDocument(o as Record<string, unknown>) as JsonObject) : [];
  return transact(doc, origin, () => {
    if (!getCellMap(doc, id)) {
      const order = orderedCellMaps(doc).map(readCellId);
      const anchor = before.find((b) => order.includes(b as CellId));
      const at = anchor === undefined ? 0 : order.indexOf(anchor as CellId) + 1;
      insertCell(doc, { id, at, type: cell.cell_type, source, metadata }, origin);
    } else {
      setCellType(doc, id, cell.cell_type, origin);
      setSource(doc, id, source, origin);
      setCellMetadata(doc, id, metadata, origin);
    }
    if (cell.cell_type === "code") {
      setOutputs(doc, id, outputs, cell.execution_count, origin);
      writeExecution(getCellMap(doc, id)!, execution);
    }
    return true;
  });
}
