/**
 * An embed frame's own document: the embedded cells as the page shipped them, with the reader's
 * saved edits applied (reader-edits.ts), never connected to the notebook's room. Built and read
 * through the model's commands and selectors, so the frame's components touch no Yjs.
 */
import type * as Y from "yjs";
import { documentWithCells } from "../notebook/commands";
import type { CellId } from "../notebook/ids";
import { LOAD } from "../notebook/origins";
import { snapshotNotebook, type CellSnapshot } from "../notebook/selectors";

/**
 * A document holding `cells`, a code cell's source replaced by `savedSource(id)` when that is not
 * null (the reader changed it earlier). Written as a load: the reader cannot undo it.
 */
export function readerDocument(cells: readonly CellSnapshot[], savedSource: (id: CellId) => string | null): Y.Doc {
  return documentWithCells(
    cells.map((cell) => ({
      id: cell.id,
      type: cell.type,
      source: (cell.type === "code" ? savedSource(cell.id) : null) ?? cell.source,
      metadata: cell.metadata,
      attachments: cell.attachments,
      outputs: cell.outputs,
      executionCount: cell.executionCount,
    })),
    LOAD,
  );
}

/** The code cells of `doc` whose text differs from `originals` (by id): their text, by id. */
export function readerEdits(doc: Y.Doc, originals: ReadonlyMap<string, CellSnapshot>): Record<string, string> {
  const edits: Record<string, string> = {};
  for (const cell of snapshotNotebook(doc).cells) if (cell.type === "code" && cell.source !== originals.get(cell.id)?.source) edits[cell.id] = cell.source;
  return edits;
}
