/**
 * What the notebook's find bar does (components/notebook/find-bar.tsx draws it): the query and
 * its options, the matches across every cell's source (markdown cells' too), the current one, and
 * replace. Matches are recomputed from the notebook's snapshot, so they follow everyone's typing;
 * the current match keeps its place (same cell and offset, else the next one after it).
 *
 * Replace goes through one model command, `replaceInSources`: "Replace all" is one transaction and
 * one undo step across every cell, writing only the matched ranges. Cells a notebook locks (an
 * assignment's checks) are found but never replaced; a viewer never replaces.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { CellId } from "../notebook/ids";
import { replaceInSources } from "../notebook/commands";
import { isEditable } from "../notebook/checks";
import type { NotebookSession } from "../sync/session";
import {
  MATCH_LIMIT,
  matchAtOrAfter,
  matchesInCells,
  replaceAllEdits,
  replacementEdit,
  searchQuery,
  stepMatch,
  type FindOptions,
  type NotebookMatch,
} from "../editor/find";
import type { NotebookFind } from "./notebook-find";
import { useNotebookSnapshot } from "./use-notebook";

export interface FindBarState {
  readonly options: FindOptions;
  readonly replace: string;
  readonly matches: readonly NotebookMatch[];
  /** Index of the current match in `matches`, -1 for none. */
  readonly index: number;
  /** "3 of 12", "No results", "Invalid regular expression", or "" before anything is typed. */
  readonly status: string;
  /** Whether the current match's cell may be changed (a locked cell may not). */
  readonly canReplaceCurrent: boolean;
  /** What the last replace did ("Replaced 12"), announced once. */
  readonly replaced: string;
}

export interface FindBarActions {
  setOptions(next: Partial<FindOptions>): void;
  setReplace(text: string): void;
  step(direction: 1 | -1): void;
  replaceCurrent(): void;
  replaceAll(): void;
  /** The match the bar last moved to (where Escape returns the focus), or null. */
  visited(): CellId | null;
}

/** Where a search starts: the selected cell at its caret, or the top. */
export interface FindAnchor {
  readonly cellId: CellId | null;
  readonly offset: number;
}

export function useFindBar(
  session: NotebookSession,
  find: NotebookFind,
  anchor: FindAnchor,
  seed: { readonly text: string | null; readonly token: number },
  readOnly: boolean,
): [FindBarState, FindBarActions] {
  const { cells } = useNotebookSnapshot(session.doc);
  const [options, setOptionsState] = useState<FindOptions>(() => ({ ...find.lastOptions(), ...(seed.text ? { search: seed.text } : {}) }));
  useEffect(() => {
    find.remember(options);
  }, [find, options]);
  const [replace, setReplace] = useState("");
  const [replaced, setReplaced] = useState("");
  /** The current match by place; null: the first match from the anchor. */
  const [target, setTarget] = useState<{ cellId: CellId; from: number } | null>(null);
  /** Bumped whenever the person moves (types, steps, replaces): the current match is then shown. */
  const [moves, setMoves] = useState(0);
  const shownMoves = useRef(-1);
  const visited = useRef<CellId | null>(null);

  // Opened again (Ctrl-F) with text selected: search for it from the new anchor.
  const [seenToken, setSeenToken] = useState(seed.token);
  if (seenToken !== seed.token) {
    setSeenToken(seed.token);
    if (seed.text) setOptionsState((o) => ({ ...o, search: seed.text! }));
    setTarget(null);
    setMoves((n) => n + 1);
  }

  const query = useMemo(() => searchQuery(options, replace), [options, replace]);
  const matches = useMemo(() => matchesInCells(cells, query), [cells, query]);
  const index = useMemo(() => {
    if (matches.length === 0) return -1;
    if (target) {
      const exact = matches.findIndex((m) => m.cellId === target.cellId && m.from === target.from);
      if (exact >= 0) return exact;
      const cellIndex = cells.findIndex((c) => c.id === target.cellId);
      if (cellIndex >= 0) return matchAtOrAfter(matches, { cellIndex, offset: target.from });
    }
    const start = anchor.cellId === null ? -1 : cells.findIndex((c) => c.id === anchor.cellId);
    return matchAtOrAfter(matches, start < 0 ? { cellIndex: 0, offset: 0 } : { cellIndex: start, offset: anchor.offset });
  }, [matches, target, cells, anchor]);
  const current = index >= 0 ? matches[index]! : null;

  useEffect(() => find.setQuery(query.valid ? query : null), [find, query]);
  useEffect(() => () => {
    find.setQuery(null);
    find.setCurrent(null, false);
  }, [find]);
  useEffect(() => {
    const show = shownMoves.current !== moves;
    shownMoves.current = moves;
    find.setCurrent(current && { cellId: current.cellId, from: current.from, to: current.to }, show);
    if (current && show) visited.current = current.cellId;
    // The match by value: a new array with the same current match changes nothing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [find, current?.cellId, current?.from, current?.to, moves]);

  const setOptions = useCallback((next: Partial<FindOptions>) => {
    setOptionsState((o) => ({ ...o, ...next }));
    setTarget(null);
    setReplaced("");
    setMoves((n) => n + 1);
  }, []);

  const step = useCallback(
    (direction: 1 | -1) => {
      const next = stepMatch(matches.length, index, direction);
      if (next < 0) return;
      const m = matches[next]!;
      setTarget({ cellId: m.cellId, from: m.from });
      // Moving to the same match again (the only one) still brings it back into view.
      setMoves((n) => n + 1);
    },
    [index, matches],
  );

  const editable = useCallback((id: CellId) => {
    const cell = cells.find((c) => c.id === id);
    return !readOnly && cell !== undefined && isEditable(cell.metadata);
  }, [cells, readOnly]);

  const replaceCurrent = useCallback(() => {
    if (!current || !editable(current.cellId)) return;
    const source = cells[current.cellIndex]!.source;
    const edit = replacementEdit(query, source, current);
    const made = replaceInSources(session.doc, [edit], session.origin);
    setReplaced(made === 1 ? "Replaced 1" : "");
    setMoves((n) => n + 1);
    setTarget({ cellId: current.cellId, from: current.from + (made === 1 ? edit.insert.length : 1) });
  }, [cells, current, editable, query, session]);

  const replaceAll = useCallback(() => {
    if (readOnly) return;
    const edits = replaceAllEdits(cells, query, (c) => !isEditable(c.metadata));
    if (edits.length === 0) return;
    const made = replaceInSources(session.doc, edits, session.origin);
    setReplaced(`Replaced ${made}`);
  }, [cells, query, readOnly, session]);

  const status = !options.search
    ? ""
    : !query.valid
      ? "Invalid regular expression"
      : matches.length === 0
        ? "No results"
        : `${index + 1} of ${matches.length}${matches.length >= MATCH_LIMIT ? "+" : ""}`;

  const state: FindBarState = {
    options,
    replace,
    matches,
    index,
    status,
    canReplaceCurrent: current !== null && editable(current.cellId),
    replaced,
  };
  const actions: FindBarActions = { setOptions, setReplace, step, replaceCurrent, replaceAll, visited: () => visited.current };
  return [state, actions];
}
