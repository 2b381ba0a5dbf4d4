/**
 * The notebook-wide find's marks in one cell's editor: every match of the bar's query, and the
 * current match more strongly. The bar (components/notebook/find-bar.tsx) sends the query to every
 * live editor with `setFindQuery`, and the current match to its cell's editor with
 * `setFindCurrent`; the marks follow the text as people type, since they are recomputed from the
 * document. Local UI state only: nothing here reaches the document or presence.
 */
import { StateEffect, StateField, type EditorState, type Extension, type Range } from "@codemirror/state";
import { Decoration, EditorView, type DecorationSet } from "@codemirror/view";
import type { SearchQuery } from "@codemirror/search";
import { matchesIn } from "./find";

/** Sets (or with null, clears) the query whose matches are marked. */
export const setFindQuery = StateEffect.define<SearchQuery | null>();
/** Marks the current match (or with null, none) in this editor. */
export const setFindCurrent = StateEffect.define<{ from: number; to: number } | null>();

/** More marks than this in one cell are not drawn (a one-letter search in a long cell). */
const MARK_LIMIT = 2_000;

const match = Decoration.mark({ class: "cm-find-match" });
const current = Decoration.mark({ class: "cm-find-match cm-find-current" });

interface FindMarks {
  readonly query: SearchQuery | null;
  readonly current: { from: number; to: number } | null;
  readonly marks: DecorationSet;
}

function build(doc: string, query: SearchQuery | null, at: { from: number; to: number } | null): DecorationSet {
  if (!query || !query.valid) return Decoration.none;
  const ranges: Range<Decoration>[] = matchesIn(doc, query, MARK_LIMIT).map((m) =>
    (at && m.from === at.from && m.to === at.to ? current : match).range(m.from, m.to),
  );
  return Decoration.set(ranges);
}

const findMarks = StateField.define<FindMarks>({
  create: () => ({ query: null, current: null, marks: Decoration.none }),
  update(value, tr) {
    let { query, current: at } = value;
    let changed = tr.docChanged;
    for (const effect of tr.effects) {
      if (effect.is(setFindQuery)) {
        query = effect.value;
        changed = true;
      } else if (effect.is(setFindCurrent)) {
        at = effect.value;
        changed = true;
      }
    }
    if (!changed) return value;
    if (at && tr.docChanged) {
      const from = tr.changes.mapPos(at.from, 1);
      const to = tr.changes.mapPos(at.to, -1);
      at = to > from ? { from, to } : null;
    }
    // Typing with the bar closed costs nothing: no query, no marks, no reading of the text.
    const marks = query && query.valid ? build(tr.state.doc.toString(), query, at) : Decoration.none;
    return { query, current: at, marks };
  },
  provide: (field) => EditorView.decorations.from(field, (value) => value.marks),
});

/** The extension every cell editor carries, so the notebook's find can mark its matches. */
export function findHighlight(): Extension {
  return findMarks;
}

/** The marked ranges in `state` (for tests): each match, and whether it is the current one. */
export function findMarkRanges(state: EditorState): { from: number; to: number; current: boolean }[] {
  const out: { from: number; to: number; current: boolean }[] = [];
  const marks = state.field(findMarks, false)?.marks ?? Decoration.none;
  marks.between(0, state.doc.length, (from, to, value) => {
    out.push({ from, to, current: value.spec.class.includes("cm-find-current") });
  });
  return out;
}
