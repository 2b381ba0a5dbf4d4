import { describe, expect, it } from "vitest";
import { EditorState } from "@codemirror/state";
import { findHighlight, findMarkRanges, setFindCurrent, setFindQuery } from "./find-highlight";
import { searchQuery } from "./find";

const query = (search: string) => searchQuery({ search, caseSensitive: false, wholeWord: false, regexp: false });

describe("findHighlight", () => {
  it("marks every match of the query and the current one, following edits", () => {
    let state = EditorState.create({ doc: "total = total + 1", extensions: findHighlight() });
    expect(findMarkRanges(state)).toEqual([]);
    state = state.update({ effects: [setFindQuery.of(query("total")), setFindCurrent.of({ from: 8, to: 13 })] }).state;
    expect(findMarkRanges(state)).toEqual([
      { from: 0, to: 5, current: false },
      { from: 8, to: 13, current: true },
    ]);
    // Someone types before the current match: it moves with its text.
    state = state.update({ changes: { from: 0, insert: "# total\n" } }).state;
    expect(findMarkRanges(state)).toEqual([
      { from: 2, to: 7, current: false },
      { from: 8, to: 13, current: false },
      { from: 16, to: 21, current: true },
    ]);
    state = state.update({ effects: setFindQuery.of(null) }).state;
    expect(findMarkRanges(state)).toEqual([]);
  });
});
