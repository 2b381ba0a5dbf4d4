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
 * Undo and redo transactions carry the `Y.UndoManager` itself as their origin (Yjs needs that to
 * build the redo stack), not an `Origin`.
 */
import * as Y from "yjs";
import { COMMAND_META } from "./commands";
import { incompleteCells, repairCells } from "./normalize";
import { SYSTEM, type Origin } from "./origins";
import { cellsMap, metaMap } from "./schema";

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
  const yUndoManager = new Y.UndoManager([cellsMap(doc), metaMap(doc)], {
    trackedOrigins: new Set<unknown>([userOrigin]),
    captureTimeout: options.captureTimeout ?? 500,
    ignoreRemoteMapChanges: true,
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
  /** Runs an undo or redo, then repairs the cells it left incomplete (and only those). */
  const step = (run: () => unknown): boolean => {
    if (disposed) return false;
    const before = new Set(incompleteCells(doc));
    const changed = run() !== null;
    const broken = changed ? incompleteCells(doc).filter((id) => !before.has(id)) : [];
    if (broken.length > 0) repairCells(doc, broken, SYSTEM);
    return changed;
  };
  return {
    undo: () => step(() => yUndoManager.undo()),
    redo: () => step(() => yUndoManager.redo()),
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
      // clear() releases the deleted items the stacks kept from garbage collection.
      yUndoManager.clear();
      yUndoManager.destroy();
    },
    yUndoManager,
  };
}
