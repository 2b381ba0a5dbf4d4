import { describe, expect, it } from "vitest";
import { parseCellId } from "../notebook/ids";
import {
  matchAtOrAfter,
  matchesIn,
  matchesInCells,
  replaceAllEdits,
  replacementFor,
  searchQuery,
  stepMatch,
  type FindOptions,
} from "./find";

const plain = (search: string, more: Partial<FindOptions> = {}): FindOptions => ({ search, caseSensitive: false, wholeWord: false, regexp: false, ...more });
const ranges = (source: string, options: FindOptions) => matchesIn(source, searchQuery(options)).map((m) => source.slice(m.from, m.to));
const cells = (...sources: string[]) => sources.map((source, i) => ({ id: parseCellId(`cell${i}`), source }));

describe("matchesIn", () => {
  it("ignores case unless asked, and matches whole words only when asked", () => {
    expect(ranges("Total total totals", plain("total"))).toEqual(["Total", "total", "total"]);
    expect(ranges("Total total totals", plain("total", { caseSensitive: true }))).toEqual(["total", "total"]);
    expect(ranges("Total total totals", plain("total", { wholeWord: true }))).toEqual(["Total", "total"]);
  });

  it("searches literally: a backslash-n is two characters, a dot is a dot", () => {
    expect(ranges("a\\nb a.b axb", plain("\\n"))).toEqual(["\\n"]);
    expect(ranges("a.b axb", plain("a.b"))).toEqual(["a.b"]);
  });

  it("treats the search as a regular expression when asked, skipping empty matches", () => {
    expect(ranges("x1 = 10\ny22 = 3", plain("[a-z]\\d+", { regexp: true }))).toEqual(["x1", "y22"]);
    expect(matchesIn("abc", searchQuery(plain("x*", { regexp: true })))).toEqual([]);
  });

  it("finds nothing for an empty search or an invalid regular expression", () => {
    expect(matchesIn("abc", searchQuery(plain("")))).toEqual([]);
    const broken = searchQuery(plain("(", { regexp: true }));
    expect(broken.valid).toBe(false);
    expect(matchesIn("((", broken)).toEqual([]);
  });
});

describe("matches across cells", () => {
  it("lists matches in notebook order with their cell and respects the limit", () => {
    const found = matchesInCells(cells("a b a", "", "b a"), searchQuery(plain("a")));
    expect(found.map((m) => [m.cellIndex, m.from])).toEqual([[0, 0], [0, 4], [2, 2]]);
    expect(matchesInCells(cells("aaaa", "aa"), searchQuery(plain("a")), 5)).toHaveLength(5);
  });

  it("finds where a search lands and steps around the notebook's ends", () => {
    const found = matchesInCells(cells("a b a", "", "b a"), searchQuery(plain("a")));
    expect(matchAtOrAfter(found, { cellIndex: 0, offset: 1 })).toBe(1);
    expect(matchAtOrAfter(found, { cellIndex: 1, offset: 0 })).toBe(2);
    expect(matchAtOrAfter(found, { cellIndex: 2, offset: 3 })).toBe(0);
    expect(matchAtOrAfter([], { cellIndex: 0, offset: 0 })).toBe(-1);
    expect(stepMatch(3, 2, 1)).toBe(0);
    expect(stepMatch(3, 0, -1)).toBe(2);
    expect(stepMatch(3, -1, -1)).toBe(2);
    expect(stepMatch(0, 0, 1)).toBe(-1);
  });
});

describe("replacements", () => {
  it("fills in a regular expression's groups as CodeMirror does", () => {
    const query = searchQuery(plain("(\\w+) = (\\d+)", { regexp: true }), "$2 -> $1 ($&) $$1");
    const [match] = matchesIn("x = 10", query);
    expect(replacementFor(query, match!)).toBe("10 -> x (x = 10) $1");
  });

  it("uses a plain search's replacement as typed", () => {
    const query = searchQuery(plain("a"), "$1\\n");
    const [match] = matchesIn("a", query);
    expect(replacementFor(query, match!)).toBe("$1\\n");
  });

  it("builds one edit per match, carrying the matched text, and leaves skipped cells alone", () => {
    const query = searchQuery(plain("Cat"), "dog");
    const edits = replaceAllEdits(cells("cat CAT", "locked cat", "no"), query, (c) => c.source.startsWith("locked"));
    expect(edits).toEqual([
      { cellId: "cell0", from: 0, to: 3, expected: "cat", insert: "dog" },
      { cellId: "cell0", from: 4, to: 7, expected: "CAT", insert: "dog" },
    ]);
  });
});
