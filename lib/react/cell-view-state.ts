/**
 * How this person views the cells: outputs collapsed (O), long outputs scrolled in a box of their
 * own (Shift-O), line numbers (L on the selection, Shift-L on every cell). Local view state, per
 * person and per page: never in the document, never in presence (STYLE rule 5). Only the "line
 * numbers on every cell" choice outlives the page, remembered by this browser (localStorage), as
 * JupyterLab remembers it in its settings.
 *
 * A small external store: each cell subscribes to its own flags (`useCellView`), so toggling one
 * cell re-renders that cell only.
 */
import { useCallback, useSyncExternalStore } from "react";
import type { CellId } from "../notebook/ids";

export interface CellViewState {
  readonly collapsed: ReadonlySet<CellId>;
  readonly scrolled: ReadonlySet<CellId>;
  /** Line numbers on every cell (Shift-L), unless a cell says otherwise in `lineNumbers`. */
  readonly lineNumbersAll: boolean;
  readonly lineNumbers: ReadonlyMap<CellId, boolean>;
}

export const EMPTY_VIEW: CellViewState = { collapsed: new Set(), scrolled: new Set(), lineNumbersAll: false, lineNumbers: new Map() };

/** Toggles `ids` in `set` together: all in when any is out, else all out (JupyterLab's O on a selection). */
export function toggleTogether(set: ReadonlySet<CellId>, ids: readonly CellId[]): ReadonlySet<CellId> {
  const next = new Set(set);
  const allIn = ids.length > 0 && ids.every((id) => set.has(id));
  for (const id of ids) {
    if (allIn) next.delete(id);
    else next.add(id);
  }
  return next;
}

export function hasLineNumbers(state: CellViewState, id: CellId): boolean {
  return state.lineNumbers.get(id) ?? state.lineNumbersAll;
}

/** L: the selection's line numbers follow the opposite of the active cell's. */
export function toggleLineNumbers(state: CellViewState, ids: readonly CellId[], active: CellId): CellViewState {
  const on = !hasLineNumbers(state, active);
  const lineNumbers = new Map(state.lineNumbers);
  for (const id of ids) lineNumbers.set(id, on);
  return { ...state, lineNumbers };
}

/** Shift-L: every cell, the per-cell choices forgotten. */
export function toggleAllLineNumbers(state: CellViewState): CellViewState {
  return { ...state, lineNumbersAll: !state.lineNumbersAll, lineNumbers: new Map() };
}

const LINE_NUMBERS_KEY = "tandem.lineNumbers";

export interface CellViewStore {
  get(): CellViewState;
  update(fn: (state: CellViewState) => CellViewState): void;
  subscribe(fn: () => void): () => void;
}

/** The page's store; reads and writes the browser's line-number choice. */
export function createCellViewStore(storage: Pick<Storage, "getItem" | "setItem"> | null = browserStorage()): CellViewStore {
  let state: CellViewState = { ...EMPTY_VIEW, lineNumbersAll: storage?.getItem(LINE_NUMBERS_KEY) === "all" };
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    update(fn) {
      const next = fn(state);
      if (next === state) return;
      if (next.lineNumbersAll !== state.lineNumbersAll) {
        try {
          storage?.setItem(LINE_NUMBERS_KEY, next.lineNumbersAll ? "all" : "none");
        } catch {
          // Storage full or refused: the choice lasts for this page only.
        }
      }
      state = next;
      listeners.forEach((l) => l());
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => void listeners.delete(fn);
    },
  };
}

function browserStorage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null; // Storage disabled (some privacy settings throw on access).
  }
}

export interface CellView {
  readonly collapsed: boolean;
  readonly scrolled: boolean;
  readonly lineNumbers: boolean;
}

const VIEWS: CellView[] = [0, 1, 2, 3, 4, 5, 6, 7].map((n) => ({ collapsed: (n & 1) !== 0, scrolled: (n & 2) !== 0, lineNumbers: (n & 4) !== 0 }));

/** One cell's view flags; re-renders only when they change. */
export function useCellView(store: CellViewStore, id: CellId): CellView {
  const flags = useCallback(() => {
    const s = store.get();
    return (s.collapsed.has(id) ? 1 : 0) | (s.scrolled.has(id) ? 2 : 0) | (hasLineNumbers(s, id) ? 4 : 0);
  }, [store, id]);
  return VIEWS[useSyncExternalStore(store.subscribe, flags, () => 0)]!;
}
