/**
 * The notebook-wide find's link to the cells' editors: a registry of the live CodeMirror views by
 * cell (editors mount and unmount as cells scroll near the viewport), the query whose matches they
 * mark, and the current match, which its cell's editor selects and scrolls into view. Local UI
 * state, one per notebook page: never in the document, never in presence.
 *
 * A match in a rendered markdown cell is shown in its source: the cell asks `useShowsFindMatch`
 * and shows its editor while it holds the current match.
 */
import { createContext, useCallback, useContext, useEffect, useSyncExternalStore, type RefObject } from "react";
import { EditorSelection, type StateEffect } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import type { SearchQuery } from "@codemirror/search";
import type { CellId } from "../notebook/ids";
import { setFindCurrent, setFindQuery } from "../editor/find-highlight";
import { matchesIn, NO_FIND, type FindOptions } from "../editor/find";

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
  /** The last search and its options, where the bar starts when it opens again (as JupyterLab's). */
  private last: FindOptions = NO_FIND;

  remember(options: FindOptions): void {
    this.last = options;
  }

  lastOptions(): FindOptions {
    return this.last;
  }

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
    this.listeners.forEach((fn) => fn());
  }

  /** The query whose matches are marked, or null. */
  currentQuery(): SearchQuery | null {
    return this.query;
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

/** The CSS highlight (::highlight(tandem-find) in globals.css) that marks matches in rendered markdown. */
const RENDERED_HIGHLIGHT = "tandem-find";
/** Marks drawn in one rendered cell, at most (a one-letter search in a long text). */
const RENDERED_MARK_LIMIT = 500;

function renderedHighlight(): Highlight | null {
  if (typeof CSS === "undefined" || !("highlights" in CSS) || typeof Highlight === "undefined") return null;
  let highlight = CSS.highlights.get(RENDERED_HIGHLIGHT);
  if (!highlight) {
    highlight = new Highlight();
    CSS.highlights.set(RENDERED_HIGHLIGHT, highlight);
  }
  return highlight;
}

/**
 * Marks the find bar's matches in a rendered markdown cell's text (the words as shown, each text
 * node on its own), with the CSS Custom Highlight API: no DOM is changed, so the rendered HTML
 * stays as the renderer made it. `content` is what was rendered: new content, new marks.
 */
export function useRenderedFindMarks(element: RefObject<HTMLElement | null>, content: string): void {
  const find = useContext(NotebookFindContext);
  const subscribe = useCallback((fn: () => void) => find?.subscribe(fn) ?? (() => {}), [find]);
  const get = useCallback(() => find?.currentQuery() ?? null, [find]);
  const query = useSyncExternalStore(subscribe, get, () => null);
  useEffect(() => {
    const root = element.current;
    const highlight = query ? renderedHighlight() : null;
    if (!root || !query || !highlight) return;
    const ranges: Range[] = [];
    const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node && ranges.length < RENDERED_MARK_LIMIT; node = walker.nextNode() as Text | null) {
      for (const m of matchesIn(node.data, query, RENDERED_MARK_LIMIT - ranges.length)) {
        const range = root.ownerDocument.createRange();
        range.setStart(node, m.from);
        range.setEnd(node, m.to);
        ranges.push(range);
      }
    }
    ranges.forEach((r) => highlight.add(r));
    return () => ranges.forEach((r) => highlight.delete(r));
  }, [element, query, content]);
}
