import { readFileSync } from "node:fs";
import path from "node:path";
import katex from "katex";
import { describe, expect, it } from "vitest";
import { findMath } from "./math-delimiters";
import { KATEX_OPTIONS } from "./math";
import { texForKatex } from "./tex-environments";

describe("texForKatex", () => {
  it("maps eqnarray to a display-style right-centre-left array, multline and flalign to KaTeX's own", () => {
    expect(texForKatex("\\begin{eqnarray}a&=&b\\end{eqnarray}", false)).toEqual({
      tex: "{\\def\\arraystretch{1.3}\\begin{darray}{rcl}a&=&b\\end{darray}}",
      display: true,
    });
    expect(texForKatex("\\begin{eqnarray*}a\\end{eqnarray*}", true).tex).toBe("{\\def\\arraystretch{1.3}\\begin{darray}{rcl}a\\end{darray}}");
    expect(texForKatex("\\begin{multline}a\\\\b\\end{multline}", true).tex).toBe("\\begin{gather*}a\\\\b\\end{gather*}");
    expect(texForKatex("\\begin{flalign*}a&b\\end{flalign*}", true).tex).toBe("\\begin{align*}a&b\\end{align*}");
  });

  it("drops equation numbers, as JupyterLab's MathJax does", () => {
    expect(texForKatex("\\begin{align}a\\end{align} \\begin{equation}b\\end{equation}", true).tex).toBe(
      "\\begin{align*}a\\end{align*} \\begin{equation*}b\\end{equation*}",
    );
    expect(texForKatex("\\begin{gather*}a\\end{gather*}", true).tex).toBe("\\begin{gather*}a\\end{gather*}");
  });

  it("makes a formula with a display-only environment display math, and leaves others as they are", () => {
    expect(texForKatex("\\begin{align*}a\\end{align*}", false).display).toBe(true);
    expect(texForKatex("\\begin{pmatrix}a\\end{pmatrix}", false)).toEqual({ tex: "\\begin{pmatrix}a\\end{pmatrix}", display: false });
    expect(texForKatex("\\begin{aligned}a\\end{aligned}", false).display).toBe(false);
    expect(texForKatex("x^2", true)).toEqual({ tex: "x^2", display: true });
  });

  it("typesets every formula of Jupyter's 'Typesetting Equations' notebook with real KaTeX, without an error", () => {
    const file = path.join(process.cwd(), "tests/fixtures/rendering/typesetting-equations.ipynb");
    const notebook = JSON.parse(readFileSync(file, "utf8")) as { cells: Array<{ cell_type: string; source: string | string[] }> };
    const formulas = notebook.cells
      .filter((cell) => cell.cell_type === "markdown")
      .flatMap((cell) => findMath(([] as string[]).concat(cell.source).join(""), { markdown: true }));
    expect(formulas.length).toBeGreaterThanOrEqual(14);
    for (const formula of formulas) {
      const { tex, display } = texForKatex(formula.tex, formula.display);
      const html = katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode: display });
      expect(html, formula.tex).not.toContain("katex-error");
    }
  });
});
