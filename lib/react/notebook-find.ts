/**
 * The notebook-wide find's link to the cells' editors: a registry of the live CodeMirror views by
 * cell (editors mount and unmount as cells scroll near the viewport), the query whose matches they
 * mark, and the current match, which its cell's editor selects and scrolls into view. Local UI
 * state, one per notebook page: never in the document, never in presence.
 *
 * A match in a rendered markdown cell is shown in its source: the cell asks `useShowsFindMatch`
 * and shows its editor while it holds the current match.
 */
import { createContext, useCallback, useContext, useSyncExternalStore } from "react";
import { EditorSelection, type StateEffect } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import type { SearchQuery } from "@codemirror/search";
import type { CellId } from "../notebook/ids";
import { setFindCurrent, setFindQuery } from "../editor/find-highlight";

export interface CurrentMatch {
  readonly cellId: CellId;
  readonly from: number;
  readonly to: number;
}

export class NotebookFind {
  private readonly views = new Map<CellId, EditorView>();
  private query: SearchQuery | null = null;
  private current: CurrentMatch | null = null;
  /** The current match still waits to be scrolled to (its cell's editor was not mounted yet). */
  private pendingReveal = false;
  private readonly listeners = new Set<() => void>();

  /** Adds a cell's editor; returns its removal. The editor gets the current query and match. */
  register(cellId: CellId, view: EditorView): () => void {
    this.views.set(cellId, view);
    const effects: StateEffect<unknown>[] = [setFindQuery.of(this.query)];
    const at = this.current?.cellId === cellId ? this.current : null;
    if (at) effects.push(setFindCurrent.of({ from: at.from, to: at.to }));
    view.dispatch({ effects });
    if (at && this.pendingReveal) this.reveal(view, at);
    return () => {
      if (this.views.get(cellId) === view) this.views.delete(cellId);
    };
  }

  /** Marks `query`'s matches in every editor (null: none). */
  setQuery(query: SearchQuery | null): void {
    if (query === this.query || (query && this.query && query.eq(this.query))) return;
    this.query = query;
    for (const view of this.views.values()) view.dispatch({ effects: setFindQuery.of(query) });
  }

  /**
   * Makes `match` the current one: marked strongly and, with `reveal`, selected in its editor
   * and scrolled into view (once the editor mounts, if it has not yet).
   */
  setCurrent(match: CurrentMatch | null, reveal: boolean): void {
    const previous = this.current;
    const same = previous && match && previous.cellId === match.cellId && previous.from === match.from && previous.to === match.to;
    this.current = match;
    if (previous && previous.cellId !== match?.cellId) this.views.get(previous.cellId)?.dispatch({ effects: setFindCurrent.of(null) });
    const view = match ? this.views.get(match.cellId) : undefined;
    if (match && view && !same) view.dispatch({ effects: setFindCurrent.of({ from: match.from, to: match.to }) });
    this.pendingReveal = reveal && match !== null && view === undefined;
    if (match && view && reveal) this.reveal(view, match);
    if (previous?.cellId !== match?.cellId) this.listeners.forEach((fn) => fn());
  }

  currentMatch(): CurrentMatch | null {
    return this.current;
  }

  /** The text selected in `cellId`'s editor, when it is one short line: what a search starts with. */
  selectedText(cellId: CellId | null): string | null {
    const view = cellId === null ? undefined : this.views.get(cellId);
    if (!view) return null;
    const { from, to } = view.state.selection.main;
    const text = view.state.sliceDoc(from, to);
    return text && !text.includes("\n") && text.length <= 200 ? text : null;
  }

  /** The caret's offset in `cellId`'s editor (where a search from there starts), or null. */
  caret(cellId: CellId | null): number | null {
    const view = cellId === null ? undefined : this.views.get(cellId);
    return view ? view.state.selection.main.from : null;
  }

  /** Focuses `cellId`'s editor, keeping its selection (Escape from the bar back into the text). */
  focusEditor(cellId: CellId): boolean {
    const view = this.views.get(cellId);
    if (!view) return false;
    view.focus();
    return true;
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  private reveal(view: EditorView, match: CurrentMatch): void {
    this.pendingReveal = false;
    const length = view.state.doc.length;
    if (match.to > length) return;
    // A cell far off screen is brought near first: CodeMirror measures only what it has drawn.
    const box = view.dom.getBoundingClientRect();
    if (box.bottom < 0 || box.top > window.innerHeight) view.dom.scrollIntoView({ block: "center" });
    view.dispatch({
      selection: EditorSelection.single(match.from, match.to),
      effects: EditorView.scrollIntoView(EditorSelection.range(match.from, match.to), { y: "center" }),
    });
  }
}

/** The page's find, for editors and cells; null outside a live notebook (lessons, embeds). */
export const NotebookFindContext = createContext<NotebookFind | null>(null);

/** Whether `cellId` holds the current match: a rendered markdown cell then shows its source. */
export function useShowsFindMatch(cellId: CellId): boolean {
  const find = useContext(NotebookFindContext);
  const subscribe = useCallback((fn: () => void) => find?.subscribe(fn) ?? (() => {}), [find]);
  const get = useCallback(() => find?.currentMatch()?.cellId === cellId, [find, cellId]);
  return useSyncExternalStore(subscribe, get, () => false);
}
