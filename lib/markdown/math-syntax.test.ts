import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { escapeHtml, extractMath, mathSyntax } from "./math-syntax";

/** markdown-it with the math syntax and a renderer that shows what it was given. */
function setup() {
  const calls: Array<{ tex: string; displayMode: boolean }> = [];
  const md = new MarkdownIt({ html: true, linkify: true });
  md.use(mathSyntax, (tex: string, displayMode: boolean) => {
    calls.push({ tex, displayMode });
    return `[${displayMode ? "display" : "inline"}:${escapeHtml(tex)}]`;
  });
  return { render: (source: string) => md.render(source), calls };
}

describe("math syntax", () => {
  it("typesets $…$ and \\(…\\) inline, $$…$$ and \\[…\\] as display math, in a paragraph or alone", () => {
    const { render, calls } = setup();
    expect(render("Area $\\pi r^2$ or \\(r\\) here")).toBe("<p>Area [inline:\\pi r^2] or [inline:r] here</p>\n");
    expect(render("Sum $$a+b$$ inline")).toBe("<p>Sum [display:a+b] inline</p>\n");
    expect(render("$$\na = b\n$$\n\nafter")).toBe("[display:\na = b\n]\n<p>after</p>\n");
    expect(render("\\[\nc\n\\]")).toBe("[display:\nc\n]");
    expect(calls.map((c) => c.displayMode)).toEqual([false, false, true, true, true]);
  });

  it("keeps a formula whole over several lines, whatever markdown would make of its lines", () => {
    const { render, calls } = setup();
    render("Text $$x\n- y\n# z \\\\\n_a_ * b *$$ more");
    render("$\\begin{align}\n\\dot{x} & = \\sigma(y-x) \\\\\n\\dot{z} & = -\\beta z + xy\n\\end{align}$");
    render("Before\n\\begin{eqnarray}\nx &=& y \\\\\n\\end{eqnarray}\nafter");
    expect(calls).toEqual([
      { tex: "x\n- y\n# z \\\\\n_a_ * b *", displayMode: true },
      { tex: "\\begin{align}\n\\dot{x} & = \\sigma(y-x) \\\\\n\\dot{z} & = -\\beta z + xy\n\\end{align}", displayMode: false },
      { tex: "\\begin{eqnarray}\nx &=& y \\\\\n\\end{eqnarray}", displayMode: true },
    ]);
  });

  it("typesets math in headings, tables and emphasis, with $ inside \\text{}", () => {
    const { render } = setup();
    expect(render("## Getting \\(k\\) heads")).toBe("<h2>Getting [inline:k] heads</h2>\n");
    expect(render("| a |\n|---|\n| $x|y$ |")).toContain("<td>[inline:x|y]</td>");
    expect(render("*see $a_1$*")).toBe("<p><em>see [inline:a_1]</em></p>\n");
    expect(render("$$\\text{for $|q|<1$}$$")).toBe("[display:\\text{for $|q|&lt;1$}]");
  });

  it("leaves dollar amounts, escaped dollars and code alone", () => {
    const { render, calls } = setup();
    expect(render("It costs 5$ or $6 today")).toBe("<p>It costs 5$ or $6 today</p>\n");
    expect(render("It costs $5 and $10 today")).toBe("<p>It costs $5 and $10 today</p>\n");
    expect(render("\\$x$ stays")).toBe("<p>$x$ stays</p>\n");
    expect(render("`$x$` and\n\n```\n$$y$$\n```")).toBe("<p><code>$x$</code> and</p>\n<pre><code>$$y$$\n</code></pre>\n");
    expect(render("    indented $x$ code")).toBe("<pre><code>indented $x$ code\n</code></pre>\n");
    expect(render("$ x $")).toBe("<p>$ x $</p>\n");
    expect(calls).toEqual([]);
  });

  it("gives formulas where none can show (an address, a description) back as written", () => {
    const { render, calls } = setup();
    expect(render("[go]($x$) ![the $y$ plot](p.png)")).toBe('<p><a href="$x$">go</a> <img src="p.png" alt="the $y$ plot"></p>\n');
    expect(calls).toEqual([]);
  });

  it("typesets formulas in the text of raw HTML, not inside its tags", () => {
    const { render } = setup();
    expect(render('<div class="alert">\nIt is $x^2$. <span title="$y$">z</span>\n</div>')).toBe(
      '<div class="alert">\nIt is [inline:x^2]. <span title="$y$">z</span>\n</div>',
    );
  });

  it("keeps text that looks like a placeholder as written", () => {
    const { render } = setup();
    expect(render("@@0@@ and $x$ and `@@1@@`")).toBe("<p>@@0@@ and [inline:x] and <code>@@1@@</code></p>\n");
    expect(extractMath("@@0@@ $x$")).toEqual({
      text: "@@0@@ @@1@@",
      pieces: [
        { source: "@@0@@", math: null },
        { source: "$x$", math: { tex: "x", display: false } },
      ],
    });
  });

  it("takes a quoted formula's > markers out of its TeX", () => {
    const { calls, render } = setup();
    expect(render("> $$\n> a\n> b\n> $$")).toBe("<blockquote>[display:\na\nb\n]</blockquote>\n");
    expect(calls.map((c) => c.tex.replace(/\s+/g, " ").trim())).toEqual(["a b"]);
  });

  it("hands the render env to the renderer", () => {
    const md = new MarkdownIt();
    const seen: unknown[] = [];
    md.use(mathSyntax, (_tex: string, _display: boolean, env: unknown) => {
      seen.push(env);
      return "";
    });
    const env = { note: 1 };
    md.render("$x$", env);
    expect(seen).toEqual([env]);
  });

  it("escapes HTML, quotes included", () => {
    expect(escapeHtml(`a<b & "c" 'd'>`)).toBe("a&lt;b &amp; &quot;c&quot; &#039;d&#039;&gt;");
  });
});
