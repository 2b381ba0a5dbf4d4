/**
 * The notebook's local UI state and what the notebook's actions do: which cell is selected,
 * command mode or edit mode, and the handlers behind every key and button. Selection and mode
 * are local React state: never in the document, and presence only mirrors them (STYLE rule 5).
 * Every change to the notebook goes through a lib/notebook command with the session's origin.
 *
 * "Run" goes to this person's Python (the runner, lib/kernel/runner.ts): `runCell` is the one
 * place a run starts. Running a markdown cell renders it (leaving edit mode does that), and the
 * selection moves exactly as Jupyter's Shift-Enter, Ctrl-Enter and Alt-Enter move it.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { CellId } from "../notebook/ids";
import type { CellType } from "../notebook/schema";
import { deleteCell, insertCell, mergeCells, moveCell, setCellType, splitCell } from "../notebook/commands";
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
  readonly selectedId: CellId | null;
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
}

/** What a viewer may do: move around and read. */
/** What a locked cell (checks.ts) refuses, quietly: its lock icon says why. */
const LOCKED_REFUSES: ReadonlySet<NotebookAction> = new Set<NotebookAction>(["deleteCell", "toCode", "toMarkdown", "toRaw", "splitCell", "mergeBelow"]);

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
]);

const INITIAL: NotebookUi = { selectedId: null, mode: "command", focus: null, helpOpen: false, restartOpen: false, find: null };

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
    if (fallback !== selectedId) update({ selectedId: fallback, mode: "command", focus: null });
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

  /**
   * Runs a cell: every run key and button comes through here. A markdown cell "runs" by
   * rendering, which leaving edit mode already does; the runner skips it.
   */
  const runCell = useCallback((id: CellId): void => runner?.run([id]), [runner]);

  const perform = useCallback(
    (action: NotebookAction, cellId?: CellId, via: "key" | "button" = "key"): boolean => {
      if (readOnly && !VIEWER_ACTIONS.has(action)) return false;
      const list = cellList();
      const current = uiRef.current;
      const id = cellId ?? current.selectedId ?? list[0]?.id ?? null;
      const index = id === null ? -1 : list.findIndex((c) => c.id === id);
      const at = (i: number) => list[i]?.id ?? null;
      const selectCell = (target: CellId | null, mode: Mode, caret: Caret = "keep") => {
        if (target === null) return update({ selectedId: null, mode: "command" });
        update({ selectedId: target, mode }, { id: target, caret });
      };
      const insertAndEdit = (position: number, type: CellType = "code", mode: Mode = "edit") => {
        const created = insertCell(doc, { type, at: Math.max(0, Math.min(position, list.length)) }, origin);
        selectCell(created, mode, "start");
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
        runner?.run(list.map((c) => c.id));
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
      if (LOCKED_REFUSES.has(action) && (locked(id) || (action === "mergeBelow" && locked(at(index + 1))))) return true;
      if (id === null || index < 0) {
        // An empty notebook (or a selection deleted under us): inserting still makes sense.
        if (action === "insertAbove" || action === "insertBelow") insertAndEdit(0, "code", via === "key" ? "command" : "edit");
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
          runCell(id);
          const next = at(index + 1);
          if (next === null) insertAndEdit(index + 1);
          else {
            const nextType = list[index + 1]!.type;
            selectCell(next, current.mode === "edit" && nextType === "code" ? "edit" : "command", "end");
          }
          return true;
        }
        case "runAbove":
          runner?.run(list.slice(0, index).map((c) => c.id));
          return true;
        case "runBelow":
          runner?.run(list.slice(index).map((c) => c.id));
          return true;
        case "runInPlace":
          runCell(id);
          selectCell(id, "command");
          return true;
        case "runAndInsert":
          runCell(id);
          insertAndEdit(index + 1);
          return true;
        case "selectPrevious":
        case "selectNext": {
          const target = at(action === "selectPrevious" ? index - 1 : index + 1);
          if (target !== null) selectCell(target, "command");
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
        case "deleteCell": {
          const next = at(index + 1) ?? at(index - 1);
          deleteCell(doc, id, origin);
          selectCell(next, "command");
          return true;
        }
        case "toCode":
        case "toMarkdown":
        case "toRaw":
          setCellType(doc, id, action === "toCode" ? "code" : action === "toMarkdown" ? "markdown" : "raw", origin);
          return true;
        case "moveUp":
        case "moveDown": {
          const to = action === "moveUp" ? index - 1 : index + 1;
          if (to < 0 || to >= list.length) return true;
          moveCell(doc, id, to, origin);
          selectCell(id, current.selectedId === id ? current.mode : "command");
          return true;
        }
        case "splitCell": {
          const handle = editors.current.get(id);
          if (!handle) return false;
          const created = splitCell(doc, id, handle.cursorOffset(), origin);
          if (created) selectCell(created, "edit", "start");
          return true;
        }
        case "mergeBelow": {
          const next = at(index + 1);
          if (next === null) return true;
          mergeCells(doc, [id, next], origin);
          selectCell(id, current.mode);
          return true;
        }
        default:
          return assertNever(action, "notebook action");
      }
    },
    [cellList, doc, locked, origin, readOnly, runCell, runner, undo, update],
  );

  const select = useCallback(
    (id: CellId, mode: Mode) => {
      const current = uiRef.current;
      if (current.selectedId === id && current.mode === mode) return;
      update({ selectedId: id, mode, focus: null });
    },
    [update],
  );

  const reveal = useCallback((id: CellId) => update({ selectedId: id, mode: "command" }, { id }), [update]);

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
      update({ selectedId: created, mode: "edit" }, { id: created, caret: "start" });
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
    () => ({ perform, select, reveal, leaveEdit, insertAt, setType, setCheck, setHelpOpen, setRestartOpen, closeFind, restart, registerEditor }),
    [perform, select, reveal, leaveEdit, insertAt, setType, setCheck, setHelpOpen, setRestartOpen, closeFind, restart, registerEditor],
  );
  return { ui, actions };
}
