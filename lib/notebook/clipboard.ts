/**
 * The cell clipboard's payload: cells as JupyterLab copies them (type, source, metadata,
 * attachments, and a code cell's outputs and execution count), without their ids, so a paste
 * always creates new cells, and without the run's provenance record (who ran it, with which
 * source: execution.ts), which describes a run in another place. Pure: where the payload is kept
 * (localStorage, the system clipboard) is lib/react/cell-clipboard.ts's business.
 *
 * The payload is versioned JSON and is checked where it enters (`parseClipboard`): it may come
 * from another tab running another version of Tandem, or from anything that wrote the same key.
 */
import { isCellType } from "./schema";
import type { CellSnapshot } from "./selectors";
import type { NewCellInput } from "./commands";
import { cloneJson, isJsonObject, type JsonObject } from "../util/json";

export const CLIPBOARD_VERSION = 1;
/** The MIME type of copied cells on the system clipboard (JupyterLab uses application/vnd.jupyter.cells). */
export const CLIPBOARD_MIME = "application/x-tandem-cells+json";

export interface ClipboardPayload {
  readonly tandem: "cells";
  readonly version: typeof CLIPBOARD_VERSION;
  readonly cells: readonly NewCellInput[];
}

/**
 * Metadata keys a pasted cell does not keep: nbformat's `editable`/`deletable` lock an assignment's
 * checks in a student's copy (checks.ts); a copy pasted elsewhere belongs to whoever pasted it.
 */
const DROPPED_METADATA = ["editable", "deletable"];

/** The payload for `cells` (in the order given). */
export function toClipboard(cells: readonly CellSnapshot[]): ClipboardPayload {
  return {
    tandem: "cells",
    version: CLIPBOARD_VERSION,
    cells: cells.map((cell) => ({
      type: cell.type,
      source: cell.source,
      metadata: withoutLock(cell.metadata),
      ...(cell.attachments && cell.type !== "code" ? { attachments: cloneJson(cell.attachments) } : {}),
      ...(cell.type === "code" ? { outputs: cell.outputs.map((o) => cloneJson(o)), executionCount: cell.executionCount } : {}),
    })),
  };
}

function withoutLock(metadata: JsonObject): JsonObject {
  const copy = cloneJson(metadata);
  for (const key of DROPPED_METADATA) delete copy[key];
  return copy;
}

/** Plain text for other programs: the cells' sources, a blank line apart. */
export function clipboardText(payload: ClipboardPayload): string {
  return payload.cells.map((c) => c.source ?? "").join("\n\n");
}

/**
 * The cells in a stored payload, ready for `insertCells`, or null when `text` is not a payload
 * this version understands. A malformed cell in a good payload is skipped, not fatal; outputs that
 * are not objects are dropped.
 */
export function parseClipboard(text: string | null | undefined): NewCellInput[] | null {
  if (!text) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isJsonObject(value) || value.tandem !== "cells" || value.version !== CLIPBOARD_VERSION || !Array.isArray(value.cells)) return null;
  const cells: NewCellInput[] = [];
  for (const raw of value.cells) {
    if (!isJsonObject(raw) || !isCellType(raw.type) || typeof raw.source !== "string") continue;
    const cell: NewCellInput = { type: raw.type, source: raw.source, metadata: isJsonObject(raw.metadata) ? withoutLock(raw.metadata) : {} };
    if (raw.type !== "code" && isJsonObject(raw.attachments)) cell.attachments = raw.attachments;
    if (raw.type === "code") {
      cell.outputs = Array.isArray(raw.outputs) ? raw.outputs.filter(isJsonObject) : [];
      const count = raw.executionCount;
      cell.executionCount = typeof count === "number" && Number.isInteger(count) && count >= 0 ? count : null;
    }
    cells.push(cell);
  }
  return cells;
}
