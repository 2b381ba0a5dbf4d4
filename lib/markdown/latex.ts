/**
 * A text/latex output as Jupyter shows one: JupyterLab puts its text in the page and MathJax
 * typesets the formulas its delimiters mark (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`, a bare
 * `\begin{…}…\end{…}`), so IPython's `Latex(r"\begin{eqnarray}…\end{eqnarray}")`, SymPy's
 * `$\displaystyle …$` and text with a formula in it all render. The text around formulas is
 * text (escaped). One difference: an output with no delimiters at all (`\frac{1}{2}`), which
 * Jupyter would show as TeX, is typeset whole as one display formula, as Tandem always did.
 */
import { KATEX_OPTIONS, renderTex, type TexHtml } from "./math";
import { findMath } from "./math-delimiters";
import { escapeHtml } from "./math-syntax";

/** A text/latex output as HTML: KaTeX's for its formulas, placeholders while KaTeX loads (`pending`). */
export function renderLatexOutput(source: string): TexHtml {
  const spans = findMath(source, { markdown: false });
  if (spans.length === 0) return renderTex(source.trim(), { ...KATEX_OPTIONS, displayMode: true });
  let html = "";
  let pending = false;
  let at = 0;
  for (const span of spans) {
    const formula = renderTex(span.tex, { ...KATEX_OPTIONS, displayMode: span.display });
    html += escapeHtml(source.slice(at, span.from)) + formula.html;
    pending ||= formula.pending;
    at = span.to;
  }
  return { html: html + escapeHtml(source.slice(at)), pending };
}
