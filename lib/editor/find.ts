/**
 * Find and replace across a notebook's cells: the pure part. Matching is CodeMirror's own
 * (`SearchQuery` from @codemirror/search), so the notebook-wide bar finds exactly what a cell's
 * editor would: case folding, whole words by CodeMirror's word characters, JavaScript regular
 * expressions matched line by line. Text is searched literally ("\n" typed in the box is a
 * backslash and an n), as in JupyterLab.
 *
 * A match names its cell and a UTF-16 range of the cell's source; the notebook's order of matches
 * is the cells' order, then the offset. Replacements become `SourceEdit`s for the model's
 * `replaceInSources` command (lib/notebook/commands.ts), which writes only the matched ranges.
 */
import { SearchQuery } from "@codemirror/search";
import { Text } from "@codemirror/state";
import type { CellId } from "../notebook/ids";
import type { SourceEdit } from "../notebook/commands";

export interface FindOptions {
  readonly search: string;
  readonly caseSensitive: boolean;
  readonly wholeWord: boolean;
  readonly regexp: boolean;
}

export const NO_FIND: FindOptions = { search: "", caseSensitive: false, wholeWord: false, regexp: false };

/** The CodeMirror query for `options` (with `replace` as its replacement text). */
export function searchQuery(options: FindOptions, replace = ""): SearchQuery {
  return new SearchQuery({ ...options, replace, literal: true });
}

/** A match in one cell's source. */
export interface TextMatch {
  readonly from: number;
  readonly to: number;
  /** The regular expression's groups, for `$1` in a replacement; null for a plain search. */
  readonly groups: readonly string[] | null;
}

export interface NotebookMatch extends TextMatch {
  readonly cellId: CellId;
  /** The cell's index in notebook order. */
  readonly cellIndex: number;
}

/** What the search reads of a cell. */
export interface SearchableCell {
  readonly id: CellId;
  readonly source: string;
}

/** More matches than this in one notebook are not counted further (a one-letter search in a big notebook). */
export const MATCH_LIMIT = 10_000;

/** The matches of `query` in `source`, in order, without overlaps; none for an invalid query. */
export function matchesIn(source: string, query: SearchQuery, limit = MATCH_LIMIT): TextMatch[] {
  if (!query.valid || source.length === 0) return [];
  const found: TextMatch[] = [];
  // A cursor over a Text of the source's lines: offsets are the source's UTF-16 offsets.
  const cursor = query.getCursor(Text.of(source.split("\n"))) as Iterator<unknown> & {
    next(): { done: boolean };
    value: { from: number; to: number; match?: RegExpExecArray };
  };
  while (found.length < limit && !cursor.next().done) {
    const value = cursor.value;
    // An empty regex match ("^", "x*") selects nothing and replaces nothing useful: skip it.
    if (value.to === value.from) continue;
    found.push({ from: value.from, to: value.to, groups: value.match ? [...value.match].map((g) => g ?? "") : null });
  }
  return found;
}

/** Every match in the notebook, in notebook order (at most `limit`). */
export function matchesInCells(cells: readonly SearchableCell[], query: SearchQuery, limit = MATCH_LIMIT): NotebookMatch[] {
  const all: NotebookMatch[] = [];
  if (!query.valid) return all;
  cells.forEach((cell, cellIndex) => {
    if (all.length >= limit) return;
    for (const m of matchesIn(cell.source, query, limit - all.length)) all.push({ ...m, cellId: cell.id, cellIndex });
  });
  return all;
}

/**
 * The text that replaces `match`: the query's replacement, with `$&`, `$1`..`$99` and `$$` filled in
 * from a regular expression's match, as CodeMirror's own replace does.
 */
export function replacementFor(query: SearchQuery, match: TextMatch): string {
  const groups = match.groups;
  if (!query.regexp || !groups) return query.replace;
  return query.replace.replace(/\$([$&]|\d+)/g, (all, ref: string) => {
    if (ref === "&") return groups[0] ?? "";
    if (ref === "$") return "$";
    for (let len = ref.length; len > 0; len--) {
      const n = Number(ref.slice(0, len));
      if (n > 0 && n < groups.length) return groups[n] + ref.slice(len);
    }
    return all;
  });
}

/** The edit that replaces one match, carrying the matched text so the command can check it is still there. */
export function replacementEdit(query: SearchQuery, source: string, match: NotebookMatch): SourceEdit {
  return { cellId: match.cellId, from: match.from, to: match.to, expected: source.slice(match.from, match.to), insert: replacementFor(query, match) };
}

/** The edits that replace every match of `query` in `cells` (cells `skip` refuses are left alone). */
export function replaceAllEdits<C extends SearchableCell>(
  cells: readonly C[],
  query: SearchQuery,
  skip: (cell: C) => boolean = () => false,
): SourceEdit[] {
  const edits: SourceEdit[] = [];
  if (!query.valid) return edits;
  cells.forEach((cell, cellIndex) => {
    if (skip(cell)) return;
    for (const m of matchesIn(cell.source, query, Number.POSITIVE_INFINITY)) {
      edits.push(replacementEdit(query, cell.source, { ...m, cellId: cell.id, cellIndex }));
    }
  });
  return edits;
}

/** A place in the notebook: a cell's index and an offset in its source. */
export interface FindPosition {
  readonly cellIndex: number;
  readonly offset: number;
}

function before(a: FindPosition, b: FindPosition): boolean {
  return a.cellIndex < b.cellIndex || (a.cellIndex === b.cellIndex && a.offset < b.offset);
}

/**
 * The index of the first match starting at or after `at` (wrapping to the first match), or -1 when
 * there are none: where a search typed at `at` lands.
 */
export function matchAtOrAfter(matches: readonly NotebookMatch[], at: FindPosition): number {
  if (matches.length === 0) return -1;
  const index = matches.findIndex((m) => !before({ cellIndex: m.cellIndex, offset: m.from }, at));
  return index === -1 ? 0 : index;
}

/** The next (or previous) match from `current`, wrapping around the notebook's ends; -1 when none. */
export function stepMatch(count: number, current: number, direction: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0 || current >= count) return direction === 1 ? 0 : count - 1;
  return (current + direction + count) % count;
}
