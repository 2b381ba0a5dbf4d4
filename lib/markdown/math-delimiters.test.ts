import { describe, expect, it } from "vitest";
import { codeRanges, findMath } from "./math-delimiters";

/** The formulas found in markdown, as [tex, display]. */
const md = (source: string) => findMath(source, { markdown: true }).map((s) => [s.tex, s.display]);
const latex = (source: string) => findMath(source, { markdown: false }).map((s) => [s.tex, s.display]);

describe("findMath: Jupyter's delimiters", () => {
  it("finds $…$ and \\(…\\) inline, $$…$$ and \\[…\\] display, with their offsets", () => {
    const source = "a $x^2$ b $$y$$ c \\(z\\) d \\[w\\]";
    expect(findMath(source, { markdown: true })).toEqual([
      { from: 2, to: 7, tex: "x^2", display: false },
      { from: 10, to: 15, tex: "y", display: true },
      { from: 18, to: 23, tex: "z", display: false },
      { from: 26, to: 31, tex: "w", display: true },
    ]);
  });

  it("takes the doubled-backslash forms that survive markdown escaping", () => {
    expect(md("see \\\\(a\\\\) and \\\\[b\\\\]")).toEqual([
      ["a", false],
      ["b", true],
    ]);
  });

  it("reads math over several lines, inside a paragraph, with $ inside braces", () => {
    expect(md("Text before $$\\begin{equation*}\n1 + x =\n\\quad \\text{for $|q|<1$}.\n\\end{equation*}$$ and after")).toEqual([
      ["\\begin{equation*}\n1 + x =\n\\quad \\text{for $|q|<1$}.\n\\end{equation*}", true],
    ]);
    expect(md("$\\begin{align}\n\\dot{x} & = \\sigma(y-x) \\\\\n\\dot{y} & = \\rho x\n\\end{align}$")).toEqual([
      ["\\begin{align}\n\\dot{x} & = \\sigma(y-x) \\\\\n\\dot{y} & = \\rho x\n\\end{align}", false],
    ]);
    expect(md("$$\n- a\n# b\n$$")).toEqual([["\n- a\n# b\n", true]]);
  });

  it("takes a bare environment as display math, keeping \\begin and \\end, nested ones too", () => {
    expect(md("Here:\n\\begin{eqnarray}\na &=& b \\\\\n\\end{eqnarray}\nDone.")).toEqual([["\\begin{eqnarray}\na &=& b \\\\\n\\end{eqnarray}", true]]);
    expect(md("\\begin{array}{c} \\begin{array}{c} 1 \\end{array} \\end{array}")).toEqual([
      ["\\begin{array}{c} \\begin{array}{c} 1 \\end{array} \\end{array}", true],
    ]);
    expect(md("\\begin{align*}a\\end{align*}")).toEqual([["\\begin{align*}a\\end{align*}", true]]);
  });

  it("never runs over a blank line: an unclosed delimiter is text and the search goes on after it", () => {
    expect(md("$$ a\n\nb $$")).toEqual([]);
    expect(md("$$ a\n  \nb $c$")).toEqual([["c", false]]);
    expect(md("\\begin{align} a\n\n\\end{align}")).toEqual([]);
  });

  it("closes at the last delimiter seen when braces never balance", () => {
    expect(md("$a { b$ c")).toEqual([["a { b", false]]);
    expect(md("$$\\text{x $$ y} $$")).toEqual([["\\text{x $$ y} ", true]]);
  });

  it("leaves dollar amounts, escaped dollars and empty pairs as prose", () => {
    expect(md("It costs $5 and $10 today")).toEqual([]);
    expect(md("It costs 5$ or $6 today")).toEqual([]);
    expect(md("$ x $")).toEqual([]);
    expect(md("\\$x\\$ and \\$5")).toEqual([]);
    expect(md("$$$$ and $$ $$")).toEqual([]);
    expect(md("price \\$3, formula $x$")).toEqual([["x", false]]);
  });

  it("finds no math in code spans or fenced code, in markdown only", () => {
    expect(md("`$foo` and `$bar` are variables")).toEqual([]);
    expect(md("``a $x$ ` b`` then $y$")).toEqual([["y", false]]);
    expect(md("```\n$$x$$\n\\begin{align}a\\end{align}\n```\n$z$")).toEqual([["z", false]]);
    expect(md("~~~python\nprint('$x$')\n~~~")).toEqual([]);
    expect(md("\\`$x$\\`")).toEqual([["x", false]]);
    expect(latex("`$x$`")).toEqual([["x", false]]);
  });
});

describe("codeRanges", () => {
  it("finds fenced blocks (closed or running to the end) and code spans within a paragraph", () => {
    const source = "a `b` c\n```js\nx\n```\nd ``e`` `f\n\ng`\n~~~\nopen";
    const ranges = codeRanges(source).map(([from, to]) => source.slice(from, to));
    expect(ranges).toEqual(["`b`", "```js\nx\n```", "``e``", "~~~\nopen"]);
  });
});

describe("findMath after a delimiter that found no end", () => {
  it("still finds the formulas a later opener starts", () => {
    expect(md("$a $b\n\n$x$ and $$ $y$")).toEqual([
      ["x", false],
      ["y", false],
    ]);
    expect(md("\\begin{a} \\begin{a} x \\end{a}")).toEqual([["\\begin{a} x \\end{a}", true]]);
    expect(md("$a ".repeat(2000) + "\n\n$x$")).toEqual([["x", false]]);
  });
});
