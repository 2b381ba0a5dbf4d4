import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { escapeHtml, mathSyntax } from "./math-syntax";

/** markdown-it with the math syntax and a renderer that shows what it was given. */
function setup() {
  const calls: Array<{ tex: string; displayMode: boolean }> = [];
  const md = new MarkdownIt({ html: true });
  md.use(mathSyntax, (tex: string, displayMode: boolean) => {
    calls.push({ tex, displayMode });
    return `[${displayMode ? "display" : "inline"}:${escapeHtml(tex)}]`;
  });
  return { render: (source: string) => md.render(source), calls };
}

describe("math syntax", () => {
  it("renders $…$ inline and $$…$$ as display math, in markdown-it-texmath's markup", () => {
    const { render, calls } = setup();
    expect(render("Area $\\pi r^2$ here")).toBe("<p>Area <eq>[inline:\\pi r^2]</eq> here</p>\n");
    expect(render("Sum $$a+b$$ inline")).toBe("<p>Sum <section><eqn>[display:a+b]</eqn></section> inline</p>\n");
    expect(calls).toEqual([
      { tex: "\\pi r^2", displayMode: false },
      { tex: "a+b", displayMode: true },
    ]);
  });

  it("reads a block formula over several lines, with an equation number", () => {
    const { render } = setup();
    expect(render("$$\na = b\n$$\n\nafter")).toBe("<section><eqn>[display:\na = b\n]</eqn></section><p>after</p>\n");
    expect(render("$$e = mc^2$$ (1)")).toBe('<section class="eqno"><eqn>[display:e = mc^2]</eqn><span>(1)</span></section>');
  });

  it("leaves dollar amounts, escaped dollars and code alone", () => {
    const { render, calls } = setup();
    expect(render("It costs 5$ or $6 today")).toBe("<p>It costs 5$ or $6 today</p>\n");
    expect(render("\\$x$ stays")).toBe("<p>$x$ stays</p>\n");
    expect(render("`$x$` and\n\n```\n$$y$$\n```")).toBe("<p><code>$x$</code> and</p>\n<pre><code>$$y$$\n</code></pre>\n");
    expect(render("$ x $")).toBe("<p>$ x $</p>\n");
    expect(calls).toEqual([]);
  });

  it("takes a quoted formula's > markers out of its TeX", () => {
    const { calls, render } = setup();
    render("> $$\n> a\n> b\n> $$");
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
