import { describe, expect, it } from "vitest";
import { markdownHeadings, nestHeadings, plainHeading } from "./headings";

const titles = (source: string, max?: number) => markdownHeadings(source, max).map((h) => [h.level, h.text]);

describe("markdownHeadings", () => {
  it("finds ATX headings with their levels, closing hashes dropped", () => {
    expect(titles("# One\ntext\n## Two ##\n###   Three\n#### Four")).toEqual([[1, "One"], [2, "Two"], [3, "Three"], [4, "Four"]]);
    expect(titles("# One\n## Two\n#### Four", 3)).toEqual([[1, "One"], [2, "Two"]]);
  });

  it("finds setext headings and tells them from a rule after a blank line", () => {
    expect(titles("Title\n=====\n\nSub\n---\n\n---\nafter")).toEqual([[1, "Title"], [2, "Sub"]]);
  });

  it("ignores headings in fenced code, hashes without a space, empty headings and indented code", () => {
    expect(titles("```python\n# a comment\n```\n#hashtag\n#\n    # indented\n~~~\n# x\n~~~\n# Real")).toEqual([[1, "Real"]]);
  });

  it("keeps the words of links, emphasis and code", () => {
    expect(plainHeading("**Big** [idea](https://x.org) `f()` <em>now</em> \\#1")).toBe("Big idea f() now #1");
    expect(titles("## The `print` *function*")).toEqual([[2, "The print function"]]);
  });
});

describe("nestHeadings", () => {
  it("puts each heading under the nearest smaller one before it", () => {
    const tree = nestHeadings([{ level: 2 }, { level: 3 }, { level: 1 }, { level: 3 }, { level: 2 }].map((h, i) => ({ ...h, i })));
    const shape = (nodes: ReturnType<typeof nestHeadings<{ level: number; i: number }>>): unknown[] =>
      nodes.map((n) => (n.children.length ? [n.heading.i, shape(n.children)] : n.heading.i));
    expect(shape(tree)).toEqual([[0, [1]], [2, [3, 4]]]);
  });
});
