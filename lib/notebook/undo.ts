/**
 * Undo and redo for one local editing session: a small wrapper over `Y.UndoManager`.
 *
 * Scope: the whole notebook, i.e. the cells map and the meta map with everything nested in them
 * (each cell's source Y.Text and outputs array). Tracked origins: exactly the local user's origin
 * object, so a collaborator's edits, kernel outputs and loads are never undone; undoing my text
 * edit removes only my characters, and theirs stay.
 *
 * Steps: every command (a transaction marked with `COMMAND_META`) is one undo step of its own,
 * as the architecture promises. Plain text edits from the editor binding are not commands; a
 * burst of them is grouped into one step until the person pauses for `captureTimeout` (500 ms by
 * default: long enough that a word typed at any speed is one step, short enough that a pause
 * between two thoughts starts a new one; it is also Yjs's and CodeMirror's default).
 *
 * `ignoreRemoteMapChanges` is on, deliberately. With Yjs's default, an undo never overwrites a map
 * key a collaborator set after us, and that breaks cells: when I delete a cell while someone moves
 * it, my undo brings the cell back without its `position` (yjs/yjs#472), and when two people set a
 * cell's type or position at once and the winner undoes, the key is deleted outright
 * (yjs/yjs#514). A cell without a position or type is not a cell. With the flag on, the keys of a
 * restored cell come back as a group. The price: undoing my move or type change of a cell puts back
 * my previous value even if a collaborator changed that same key after me. Text and outputs are
 * sequences, not map keys, and are unaffected.
 *
 * Repair: an undo restores a deleted cell as it was when deleted. If it was deleted during a gap
 * (schema.ts, "Gaps": a field briefly missing while an out-of-order update is pending), the field
 * stays missing for good. So after each undo and redo, the cells it left incomplete are repaired
 * at once (normalize.ts), under the `system` origin, which is not tracked.
 *
 * A collaborator's text is never undone with a cell: when an undo (or redo) would delete a whole
 * cell that someone else has typed in since (my insert of a cell they then wrote in), the cell
 * stays, with their text; the rest of the step is undone as usual, my own characters in that cell
 * included. `keptByLastStep()` names such cells, so the page can say why the cell is still there.
 * (Y.UndoManager's `deleteFilter` does the keeping; the cells are found before the step from the
 * items the step would delete.)
 *
 * A run that started after my step is never undone by it: a run's record and execution count are
 * map keys the kernel writes under its own origin, and `ignoreRemoteMapChanges` would let undoing
 * my "clear outputs" put the cleared run's record and count back over the newer run's. So the
 * records present before an undo or redo are kept (written back under `system`); outputs need no
 * such care, since a new run brings a new outputs array the old outputs cannot return to.
 *
 * Undo and redo transactions carry the `Y.UndoManager` itself as their origin (Yjs needs that to
 * build the redo stack), not an `Origin`.
 */
import * as Y from "yjs";
import { COMMAND_META } from "./commands";
import { incompleteCells, repairCells } from "./normalize";
import { SYSTEM, type Origin } from "./origins";
import type { CellId } from "./ids";
import type { JsonObject } from "../util/json";
import { cellOutputs, cellsMap, getCellMap, metaMap, readExecution, readExecutionCount, writeExecution, writeExecutionCount } from "./schema";
import { otherWriters } from "./writers";

export interface NotebookUndoManager {
  /** Undoes the last step of this session; false when there was nothing left that still applies. */
  undo(): boolean;
  /** Redoes the last undone step; false when there was nothing to redo. */
  redo(): boolean;
  canUndo(): boolean;
  canRedo(): boolean;
  /** Calls `fn` whenever `canUndo()` or `canRedo()` changes. Returns the unsubscribe. */
  subscribe(fn: () => void): () => void;
  /** Ends the current group of text edits: the next edit starts a new undo step. */
  stopCapturing(): void;
  /** Cells the last undo or redo left in place because a collaborator had written in them. */
  keptByLastStep(): readonly CellId[];
  /** Calls `fn` with the cells each undo or redo keeps that way (never with none). */
  onKept(fn: (cells: readonly CellId[]) => void): () => void;
  /** Stops tracking and forgets both stacks. Safe to call twice; afterwards undo/redo do nothing. */
  dispose(): void;
  /**
   * The underlying manager, for the editor binding only (y-codemirror attaches cursor positions to
   * its stack items). Everything else goes through the methods above.
   */
  readonly yUndoManager: Y.UndoManager;
}

export interface UndoOptions {
  /** Text edits closer together than this many milliseconds form one undo step. Default 500. */
  captureTimeout?: number;
}

/** Creates the undo manager of the local session whose edits carry `userOrigin`. */
export function createUndoManager(doc: Y.Doc, userOrigin: Origin, options: UndoOptions = {}): NotebookUndoManager {
  const isMyCommand = (tr: Y.Transaction) => tr.origin === userOrigin && tr.meta.get(COMMAND_META) === true;
  // A command must neither join the step before it nor let the typing after it join its step. The
  // Y.UndoManager decides on 'afterTransaction', so one listener registered before it ends the
  // current group, and one registered after it ends the command's own group.
  let manager: Y.UndoManager | null = null;
  const before = (tr: Y.Transaction) => {
    if (isMyCommand(tr)) manager?.stopCapturing();
  };
  doc.on("afterTransaction", before);
  // The cells the step under way must not delete (see the header), by their map.
  let keep = new Map<Y.Map<unknown>, CellId>();
  const yUndoManager = new Y.UndoManager([cellsMap(doc), metaMap(doc)], {
    trackedOrigins: new Set<unknown>([userOrigin]),
    captureTimeout: options.captureTimeout ?? 500,
    ignoreRemoteMapChanges: true,
    // Neither such a cell nor its fields (the source entry, type, position...) go.
    deleteFilter: (item) => !isKept(item, keep),
  });
  manager = yUndoManager;
  const after = (tr: Y.Transaction) => {
    if (isMyCommand(tr)) yUndoManager.stopCapturing();
  };
  doc.on("afterTransaction", after);

  // Yjs fires several stack events for one undo (the redo item is added, then the undo item is
  // popped); subscribers hear only actual changes of (canUndo, canRedo).
  const listeners = new Set<() => void>();
  const state = () => `${yUndoManager.canUndo()} ${yUndoManager.canRedo()}`;
  let last = state();
  const notify = () => {
    const now = state();
    if (now === last) return;
    last = now;
    listeners.forEach((fn) => fn());
  };
  const events = ["stack-item-added", "stack-item-popped", "stack-cleared"] as const;
  events.forEach((name) => yUndoManager.on(name, notify));

  let disposed = false;
  let kept: readonly CellId[] = [];
  const keptListeners = new Set<(cells: readonly CellId[]) => void>();
  /** Runs an undo or redo, then repairs the cells it left incomplete (and only those). */
  const step = (stack: StackItem[], run: () => unknown): boolean => {
    if (disposed) return false;
    keep = cellsOthersWroteIn(doc, stack[stack.length - 1]?.insertions);
    // A step that keeps a cell may change nothing else, and Y.UndoManager then goes on to the step
    // below it: one press must never undo two steps, so the others are set aside meanwhile.
    const below = keep.size > 0 ? stack.splice(0, stack.length - 1) : [];
    const before = new Set(incompleteCells(doc));
    const runs = runRecords(doc);
    let changed: boolean;
    try {
      changed = run() !== null || keep.size > 0;
    } finally {
      stack.unshift(...below);
      kept = [...keep.values()];
      keep = new Map();
    }
    if (kept.length > 0) keptListeners.forEach((fn) => fn(kept));
    const broken = changed ? incompleteCells(doc).filter((id) => !before.has(id)) : [];
    if (broken.length > 0) repairCells(doc, broken, SYSTEM);
    if (changed) keepRunRecords(doc, runs);
    return changed;
  };
  return {
    undo: () => step(yUndoManager.undoStack, () => yUndoManager.undo()),
    redo: () => step(yUndoManager.redoStack, () => yUndoManager.redo()),
    keptByLastStep: () => kept,
    onKept(fn) {
      keptListeners.add(fn);
      return () => {
        keptListeners.delete(fn);
      };
    },
    canUndo: () => !disposed && yUndoManager.canUndo(),
    canRedo: () => !disposed && yUndoManager.canRedo(),
    subscribe(fn) {
      listeners.add(fn);
      return () => {
        listeners.delete(fn);
      };
    },
    stopCapturing: () => yUndoManager.stopCapturing(),
    dispose() {
      if (disposed) return;
      disposed = true;
      doc.off("afterTransaction", before);
      doc.off("afterTransaction", after);
      events.forEach((name) => yUndoManager.off(name, notify));
      listeners.clear();
      keptListeners.clear();
      // clear() releases the deleted items the stacks kept from garbage collection.
      yUndoManager.clear();
      yUndoManager.destroy();
    },
    yUndoManager,
  };
}

type StackItem = Y.UndoManager["undoStack"][number];

/**
 * The cells whose own map the step would delete (`insertions`: what the step inserted, which
 * undoing it deletes) and in whose source another client has text that is still there.
 */
function cellsOthersWroteIn(doc: Y.Doc, insertions: StackItem["insertions"] | undefined): Map<Y.Map<unknown>, CellId> {
  const found = new Map<Y.Map<unknown>, CellId>();
  if (!insertions) return found;
  cellsMap(doc).forEach((cell, id) => {
    const item = cell._item;
    if (item && Y.isDeleted(insertions, item.id) && othersWroteIn(cell, doc.clientID)) found.set(cell, id as CellId);
  });
  return found;
}

function othersWroteIn(cell: Y.Map<unknown>, me: number): boolean {
  const source = cell.get("source");
  return source instanceof Y.Text && otherWriters(source, me).length > 0;
}

/** Whether `item` is one of the kept cells (its entry in the cells map) or anything inside one. */
function isKept(item: Y.Item, keep: ReadonlyMap<Y.Map<unknown>, CellId>): boolean {
  if (keep.size === 0) return false;
  const content = item.content;
  if (content instanceof Y.ContentType && content.type instanceof Y.Map && keep.has(content.type)) return true;
  for (let parent = item.parent; parent instanceof Y.AbstractType; parent = parent._item?.parent ?? null) {
    if (parent instanceof Y.Map && keep.has(parent)) return true;
  }
  return false;
}

interface RunRecord {
  readonly execution: JsonObject;
  readonly json: string;
  readonly count: number | null;
}

/** Every cell's run record (and count) as it is now, for `keepRunRecords`. */
function runRecords(doc: Y.Doc): Map<CellId, RunRecord> {
  const found = new Map<CellId, RunRecord>();
  cellsMap(doc).forEach((cell, id) => {
    const execution = readExecution(cell);
    if (execution !== undefined) found.set(id as CellId, { execution, json: JSON.stringify(execution), count: readExecutionCount(cell) });
  });
  return found;
}

/** Writes back the run records an undo or redo replaced (see the header), under `system`. */
function keepRunRecords(doc: Y.Doc, before: ReadonlyMap<CellId, RunRecord>): void {
  const replaced = [...before].filter(([id, run]) => {
    const cell = getCellMap(doc, id);
    if (!cell) return false;
    const now = readExecution(cell);
    // Replaced by an older record: always the newer run's. Removed (redoing a clear): only while
    // outputs are still there, which the clear would have removed with it unless they are a newer run's.
    return now === undefined ? (cellOutputs(cell)?.length ?? 0) > 0 : JSON.stringify(now) !== run.json;
  });
  if (replaced.length === 0) return;
  doc.transact(() => {
    for (const [id, run] of replaced) {
      const cell = getCellMap(doc, id)!;
      writeExecution(cell, run.execution);
      writeExecutionCount(cell, run.count);
    }
  }, SYSTEM);
}
