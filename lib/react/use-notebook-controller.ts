/**
 * The notebook's local UI state and what the notebook's actions do: which cell is selected,
 * command mode or edit mode, and the handlers behind every key and button. Selection and mode
 * are local React state: never in the document, and presence only mirrors them (STYLE rule 5).
 * Every change to the notebook goes through a lib/notebook command with the session's origin.
 *
 * "Run" goes to this person's Python (the runner, lib/kernel/runner.ts). A run key runs the whole
 * selection (cell-selection.ts); a markdown cell "runs" by rendering, which leaving edit mode
 * already does (the runner skips it). The selection moves exactly as Jupyter's Shift-Enter,
 * Ctrl-Enter and Alt-Enter move it.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { CellId } from "../notebook/ids";
import type { CellType } from "../notebook/schema";
import { insertCell, insertCells, mergeCells, setCellType, splitCell } from "../notebook/commands";
import { clearCellsOutputs, deleteCells, moveCellsBy, setCellsType } from "../notebook/range-commands";
import { toClipboard } from "../notebook/clipboard";
import { readCellClipboard, writeCellClipboard } from "./cell-clipboard";
import { extendSelection, selectionRange } from "./cell-selection";
import { createCellViewStore, toggleAllLineNumbers, toggleLineNumbers, toggleTogether, type CellViewStore } from "./cell-view-state";
import { isLocked, setCellCheck, type CheckMark } from "../notebook/checks";
import type { NotebookSession } from "../sync/session";
import type { RestartThen, Runner } from "../kernel/runner";
import { clearPresenceCursor, setPresenceCell } from "../sync/presence";
import { assertNever } from "../util/invariant";
import type { NotebookAction } from "./notebook-keys";
import { notebookSnapshotStore } from "./use-notebook";

export type Mode = "command" | "edit";
export type Caret = "start" | "end" | "keep";

export interface NotebookUi {
  /** The active cell: where keys act, and what presence shows. */
  readonly selectedId: CellId | null;
  /** The other end of a multi-cell selection (cell-selection.ts), or null for one cell. */
  readonly anchorId: CellId | null;
  readonly mode: Mode;
  /** Set by actions that should move the focus (keys, buttons); not by clicks, which already did. */
  readonly focus: { readonly id: CellId; readonly token: number; readonly caret: Caret } | null;
  readonly helpOpen: boolean;
  /** The "Restart Python?" dialog is open (restart asks first, from its button or 0 0). */
  readonly restartOpen: boolean;
  /** The find bar: open (with its replace row or not), a new token each time it is asked for. */
  readonly find: { readonly replace: boolean; readonly token: number } | null;
}

/** What a mounted editor offers the controller. */
export interface EditorHandle {
  focus(caret: Caret): void;
  /** The caret's offset in the cell's source. */
  cursorOffset(): number;
}

/** The controller's handlers: stable for the session's lifetime, so memoized cells can take them. */
export interface NotebookActions {
  /** Runs an action on `cellId` (default: the selected cell). Returns whether it did anything. */
  perform(action: NotebookAction, cellId?: CellId, via?: "key" | "button"): boolean;
  /** Selects a cell after a click (the browser has already moved the focus). */
  select(id: CellId, mode: Mode): void;
  /** Shift-click: selects from the active cell to `id`. */
  extendTo(id: CellId): void;
  /** Selects a cell and moves the focus (and the view) to it: a link to a cell. */
  reveal(id: CellId): void;
  /** The selected cell's editor lost focus to somewhere outside the notebook's cells. */
  leaveEdit(id: CellId): void;
  insertAt(index: number, type: CellType): void;
  setType(id: CellId, type: CellType): void;
  /** Marks a code cell as a check, visible or hidden, or unmarks it (lib/notebook/checks.ts). */
  setCheck(id: CellId, check: CheckMark | null): void;
  setHelpOpen(open: boolean): void;
  setRestartOpen(open: boolean): void;
  /** Closes the find bar. */
  closeFind(): void;
  /** Restarts Python (after the dialog's confirmation), then what was chosen. */
  restart(then: RestartThen): void;
  registerEditor(id: CellId, handle: EditorHandle): () => void;
}

export interface NotebookController {
  readonly ui: NotebookUi;
  readonly actions: NotebookActions;
  /** This person's view of the cells: collapsed outputs, line numbers (cell-view-state.ts). */
  readonly view: CellViewStore;
}

/** What a viewer may do: move around and read. */
/** What a locked cell (checks.ts) refuses, quietly: its lock icon says why. */
const LOCKED_REFUSES: ReadonlySet<NotebookAction> = new Set<NotebookAction>(["splitCell"]);

const VIEWER_ACTIONS: ReadonlySet<NotebookAction> = new Set<NotebookAction>([
  "edit",
  "commandMode",
  "selectPrevious",
  "selectNext",
  "editPrevious",
  "editNext",
  "showHelp",
  "find",
  "findReplace",
  "extendUp",
  "extendDown",
  "selectAll",
  "copyCells",
  "toggleOutputs",
  "toggleOutputsScrolled",
  "toggleLineNumbers",
  "toggleAllLineNumbers",
]);

const INITIAL: NotebookUi = { selectedId: null, anchorId: null, mode: "command", focus: null, helpOpen: false, restartOpen: false, find: null };

/**
 * `ids` are the cells in order: when the selected cell disappears (a collaborator deleted it), the
 * selection moves to the cell that took its place.
 */
export function useNotebookController(
  session: NotebookSession,
  ids: readonly CellId[],
  runner: Runner | null,
  /** A viewer: only actions that change nothing (selection, modes, help) do anything. */
  readOnly = false,
): NotebookController {
  const { doc, origin, awareness, undo } = session;
  const [ui, setUi] = useState<NotebookUi>(INITIAL);
  const uiRef = useRef(ui);
  const editors = useRef(new Map<CellId, EditorHandle>());
  const token = useRef(0);
  const [view] = useState(createCellViewStore);

  const update = useCallback((next: Partial<NotebookUi>, focus?: { id: CellId; caret?: Caret }) => {
    const value: NotebookUi = {
      ...uiRef.current,
      ...next,
      ...(focus ? { focus: { id: focus.id, token: ++token.current, caret: focus.caret ?? "keep" } } : {}),
    };
    uiRef.current = value;
    setUi(value);
  }, []);

  const cellList = useCallback(() => notebookSnapshotStore(doc).get().cells, [doc]);
  /** A cell its notebook locks (an assignment's checks in a student's copy): kept as it is. */
  const locked = useCallback((id: CellId | null) => {
    const cell = id === null ? undefined : cellList().find((c) => c.id === id);
    return cell !== undefined && isLocked(cell.metadata);
  }, [cellList]);
  const lastIndex = useRef(0);

  useEffect(() => {
    const { selectedId } = uiRef.current;
    const index = selectedId === null ? -1 : ids.indexOf(selectedId);
    if (index >= 0) {
      lastIndex.current = index;
      return;
    }
    const fallback = ids[Math.min(lastIndex.current, ids.length - 1)] ?? null;
    if (fallback !== selectedId) update({ selectedId: fallback, anchorId: null, mode: "command", focus: null });
  }, [ids, update]);

  // Presence mirrors the selection; the caret is shown only while editing. Typing in another
  // cell starts a new undo step, however quickly it follows.
  useEffect(() => {
    setPresenceCell(awareness, ui.selectedId);
    undo.stopCapturing();
  }, [awareness, undo, ui.selectedId]);
  useEffect(() => {
    if (ui.mode !== "edit") clearPresenceCursor(awareness);
  }, [awareness, ui.mode]);


  const perform = useCallback(
    (action: NotebookAction, cellId?: CellId, via: "key" | "button" = "key"): boolean => {
      if (readOnly && !VIEWER_ACTIONS.has(action)) return false;
      const list = cellList();
      const order = list.map((c) => c.id);
      const current = uiRef.current;
      // What I typed before a run is one undo step, what I type after it another, however quickly.
      const runCells = (ids: CellId[]) => {
        undo.stopCapturing();
        runner?.run(ids);
      };
      const id = cellId ?? current.selectedId ?? list[0]?.id ?? null;
      const index = id === null ? -1 : order.indexOf(id);
      const at = (i: number) => list[i]?.id ?? null;
      // What the action acts on: the selection when it is about the active cell (a key, or a button
      // on the active cell), else the one cell the button belongs to.
      const range = id !== null && id === current.selectedId ? selectionRange(order, id, current.anchorId) : id === null ? [] : [id];
      const unlocked = range.filter((r) => !locked(r));
      const first = order.indexOf(range[0] ?? id!);
      const last = order.indexOf(range[range.length - 1] ?? id!);
      const selectCell = (target: CellId | null, mode: Mode, caret: Caret = "keep", anchor: CellId | null = null) => {
        if (target === null) return update({ selectedId: null, anchorId: null, mode: "command" });
        update({ selectedId: target, anchorId: anchor, mode }, { id: target, caret });
      };
      const insertAndEdit = (position: number, type: CellType = "code", mode: Mode = "edit") => {
        const created = insertCell(doc, { type, at: Math.max(0, Math.min(position, list.length)) }, origin);
        selectCell(created, mode, "start");
      };
      const paste = (position: number): boolean => {
        const cells = readCellClipboard();
        if (!cells || cells.length === 0) return true;
        const created = insertCells(doc, { at: Math.max(0, Math.min(position, list.length)), cells }, origin);
        selectCell(created[created.length - 1]!, "command", "keep", created.length > 1 ? created[0]! : null);
        return true;
      };
      /** Deletes the selection in one step; a locked cell (an assignment's check) stays. */
      const removeRange = (): boolean => {
        if (unlocked.length === 0) return true;
        const gone = new Set(unlocked);
        const next = order.slice(last + 1).find((c) => !gone.has(c)) ?? order.slice(0, first).reverse().find((c) => !gone.has(c)) ?? null;
        deleteCells(doc, unlocked, origin);
        selectCell(next, "command");
        return true;
      };
      const changeView = (fn: Parameters<CellViewStore["update"]>[0]) => {
        view.update(fn);
        return true;
      };

      if (action === "showHelp") {
        update({ helpOpen: !current.helpOpen });
        return true;
      }
      if (action === "find" || action === "findReplace") {
        // A viewer finds but never replaces; Ctrl-F keeps a replace row that is already open.
        const replace = !readOnly && (action === "findReplace" || current.find?.replace === true);
        update({ find: { replace, token: ++token.current } });
        return true;
      }
      if (action === "undo" || action === "redo") {
        return action === "undo" ? undo.undo() : undo.redo();
      }
      if (action === "runAll") {
        runCells(list.map((c) => c.id));
        return true;
      }
      if (action === "interrupt") {
        runner?.interrupt();
        return true;
      }
      if (action === "restartKernel") {
        // Variables are lost: ask first, as Jupyter does (the dialog calls `restart`).
        if (runner) update({ restartOpen: true });
        return runner !== null;
      }
      if (action === "clearAllOutputs") {
        clearCellsOutputs(doc, "all", origin);
        return true;
      }
      if (action === "toggleAllLineNumbers") return changeView(toggleAllLineNumbers);
      if (action === "selectAll") {
        if (list.length > 0) update({ selectedId: order[order.length - 1]!, anchorId: order[0]!, mode: "command" });
        return true;
      }
      if (LOCKED_REFUSES.has(action) && locked(id)) return true;
      if (id === null || index < 0) {
        // An empty notebook (or a selection deleted under us): inserting and pasting still make sense.
        if (action === "insertAbove" || action === "insertBelow") insertAndEdit(0, "code", via === "key" ? "command" : "edit");
        if (action === "pasteAbove" || action === "pasteBelow") return paste(0);
        return action === "insertAbove" || action === "insertBelow";
      }

      switch (action) {
        case "edit":
          selectCell(id, "edit", "end");
          return true;
        case "commandMode":
          selectCell(id, "command");
          return true;
        case "runAndAdvance": {
          runCells(range);
          const next = at(last + 1);
          if (next === null) insertAndEdit(last + 1);
          else {
            const nextType = list[last + 1]!.type;
            selectCell(next, current.mode === "edit" && nextType === "code" ? "edit" : "command", "end");
          }
          return true;
        }
        case "runAbove":
          runCells(list.slice(0, index).map((c) => c.id));
          return true;
        case "runBelow":
          runCells(list.slice(index).map((c) => c.id));
          return true;
        case "runInPlace":
          runCells(range);
          selectCell(id, "command", "keep", range.length > 1 ? current.anchorId : null);
          return true;
        case "runAndInsert":
          runCells(range);
          insertAndEdit(last + 1);
          return true;
        case "selectPrevious":
        case "selectNext": {
          const target = at(action === "selectPrevious" ? index - 1 : index + 1);
          if (target !== null) selectCell(target, "command");
          else if (range.length > 1) selectCell(id, "command");
          return true;
        }
        case "extendUp":
        case "extendDown": {
          const next = extendSelection(order, id, current.anchorId, action === "extendUp" ? "up" : "down");
          if (next) selectCell(next.active, "command", "keep", next.anchor === next.active ? null : next.anchor);
          return true;
        }
        case "editPrevious":
        case "editNext": {
          const target = at(action === "editPrevious" ? index - 1 : index + 1);
          if (target === null) return false;
          selectCell(target, "edit", action === "editPrevious" ? "end" : "start");
          return true;
        }
        case "insertAbove":
        case "insertBelow":
          insertAndEdit(action === "insertAbove" ? index : index + 1, "code", via === "key" ? "command" : "edit");
          return true;
        case "deleteCell":
          return removeRange();
        case "copyCells":
        case "cutCells": {
          const wanted = new Set(range);
          writeCellClipboard(toClipboard(list.filter((c) => wanted.has(c.id))));
          return action === "cutCells" ? removeRange() : true;
        }
        case "pasteBelow":
          return paste(last + 1);
        case "pasteAbove":
          return paste(first);
        case "toCode":
        case "toMarkdown":
        case "toRaw":
          setCellsType(doc, unlocked, action === "toCode" ? "code" : action === "toMarkdown" ? "markdown" : "raw", origin);
          return true;
        case "moveUp":
        case "moveDown":
          if (!moveCellsBy(doc, range, action === "moveUp" ? "up" : "down", origin)) return true;
          selectCell(id, current.selectedId === id ? current.mode : "command", "keep", range.length > 1 ? current.anchorId : null);
          return true;
        case "splitCell": {
          const handle = editors.current.get(id);
          if (!handle) return false;
          const created = splitCell(doc, id, handle.cursorOffset(), origin);
          if (created) selectCell(created, "edit", "start");
          return true;
        }
        case "mergeBelow": {
          // A selection merges into its first cell; one cell merges with the cell below (Jupyter's Shift-M).
          const merging = range.length > 1 ? range : [id, at(index + 1)].filter((c): c is CellId => c !== null);
          if (merging.length < 2 || merging.some((c) => locked(c))) return true;
          mergeCells(doc, merging, origin);
          selectCell(merging[0]!, range.length > 1 ? "command" : current.mode);
          return true;
        }
        case "clearOutputs":
          clearCellsOutputs(doc, range, origin);
          return true;
        case "toggleOutputs":
          return changeView((s) => ({ ...s, collapsed: toggleTogether(s.collapsed, range) }));
        case "toggleOutputsScrolled":
          return changeView((s) => ({ ...s, scrolled: toggleTogether(s.scrolled, range) }));
        case "toggleLineNumbers":
          return changeView((s) => toggleLineNumbers(s, range, id));
        default:
          return assertNever(action, "notebook action");
      }
    },
    [cellList, doc, locked, origin, readOnly, runner, undo, update, view],
  );

  const select = useCallback(
    (id: CellId, mode: Mode) => {
      const current = uiRef.current;
      if (current.selectedId === id && current.mode === mode && current.anchorId === null) return;
      update({ selectedId: id, anchorId: null, mode, focus: null });
    },
    [update],
  );

  const extendTo = useCallback(
    (id: CellId) => {
      const { selectedId, anchorId } = uiRef.current;
      if (selectedId === null || selectedId === id) return update({ selectedId: id, anchorId: null, mode: "command", focus: null });
      update({ selectedId: id, anchorId: anchorId ?? selectedId, mode: "command", focus: null });
    },
    [update],
  );

  const reveal = useCallback((id: CellId) => update({ selectedId: id, anchorId: null, mode: "command" }, { id }), [update]);

  const leaveEdit = useCallback(
    (id: CellId) => {
      const current = uiRef.current;
      if (current.selectedId === id && current.mode === "edit") update({ mode: "command", focus: null });
    },
    [update],
  );

  const insertAt = useCallback(
    (index: number, type: CellType) => {
      if (readOnly) return;
      const created = insertCell(doc, { type, at: Math.max(0, Math.min(index, cellList().length)) }, origin);
      update({ selectedId: created, anchorId: null, mode: "edit" }, { id: created, caret: "start" });
    },
    [cellList, doc, origin, readOnly, update],
  );

  const setCheck = useCallback(
    (id: CellId, check: CheckMark | null) => void (readOnly || locked(id) ? undefined : setCellCheck(doc, id, check, origin)),
    [doc, origin, readOnly, locked],
  );
  const setType = useCallback(
    (id: CellId, type: CellType) => void (readOnly || locked(id) ? undefined : setCellType(doc, id, type, origin)),
    [doc, origin, readOnly, locked],
  );
  const setHelpOpen = useCallback((open: boolean) => update({ helpOpen: open }), [update]);
  const setRestartOpen = useCallback((open: boolean) => update({ restartOpen: open }), [update]);
  const closeFind = useCallback(() => update({ find: null }), [update]);
  const restart = useCallback(
    (then: RestartThen) => {
      update({ restartOpen: false });
      if (!readOnly) runner?.restart(then);
    },
    [readOnly, runner, update],
  );
  const registerEditor = useCallback((id: CellId, handle: EditorHandle) => {
    editors.current.set(id, handle);
    return () => {
      if (editors.current.get(id) === handle) editors.current.delete(id);
    };
  }, []);

  const actions = useMemo(
    () => ({ perform, select, extendTo, reveal, leaveEdit, insertAt, setType, setCheck, setHelpOpen, setRestartOpen, closeFind, restart, registerEditor }),
    [perform, select, extendTo, reveal, leaveEdit, insertAt, setType, setCheck, setHelpOpen, setRestartOpen, closeFind, restart, registerEditor],
  );
  return { ui, actions, view };
}
