import { beforeAll, describe, expect, it } from "vitest";
import { renderLatexOutput } from "./latex";
import { loadKatex } from "./math";

/** The real KaTeX: what a text/latex output shows, errors (in red) included. */
beforeAll(() => loadKatex());

/** How many formulas KaTeX typeset, how many of them display math, and whether any is an error. */
function typeset(html: string) {
  return {
    formulas: html.match(/<span class="katex">/g)?.length ?? 0,
    display: html.match(/class="katex-display"/g)?.length ?? 0,
    errors: html.includes("katex-error"),
  };
}

describe("text/latex outputs", () => {
  it("typesets IPython's Latex() with eqnarray, align and friends, without an error", () => {
    const eqnarray = "\\begin{eqnarray}\nx' &=& &x \\sin\\phi &+& z \\cos\\phi \\\\\nz' &=& - &x \\cos\\phi &+& z \\sin\\phi \\\\\n\\end{eqnarray}";
    expect(typeset(renderLatexOutput(eqnarray).html)).toEqual({ formulas: 1, display: 1, errors: false });
    const several = "\\begin{align}\na &= b\n\\end{align}\n\\begin{multline}\nc \\\\ d\n\\end{multline}";
    expect(typeset(renderLatexOutput(several).html)).toEqual({ formulas: 2, display: 2, errors: false });
  });

  it("takes $$…$$ and \\[…\\] as display math, $…$ (SymPy's) as inline, with the text around them", () => {
    expect(typeset(renderLatexOutput("$$\\frac{1}{2}$$").html)).toEqual({ formulas: 1, display: 1, errors: false });
    expect(typeset(renderLatexOutput("\\[ \\begin{eqnarray*} a &=& b \\end{eqnarray*} \\]").html)).toMatchObject({ formulas: 1, errors: false });
    const sympy = renderLatexOutput("$\\displaystyle \\frac{x^{2}}{2}$").html;
    expect(typeset(sympy)).toEqual({ formulas: 1, display: 0, errors: false });
    const mixed = renderLatexOutput("The area <b> is $\\pi r^2$.").html;
    expect(mixed.startsWith("The area &lt;b&gt; is <span class=\"katex\">")).toBe(true);
    expect(mixed.endsWith("</span>.")).toBe(true);
  });

  it("typesets an output with no delimiters whole, as one display formula", () => {
    const { html, pending } = renderLatexOutput("\\frac{a}{b}\n");
    expect(pending).toBe(false);
    expect(typeset(html)).toEqual({ formulas: 1, display: 1, errors: false });
  });
});
