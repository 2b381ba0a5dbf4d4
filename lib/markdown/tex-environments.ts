/**
 * LaTeX environments as KaTeX can typeset them. Jupyter typesets with MathJax, which knows more
 * environments than KaTeX and lets any of them stand in inline math. So before KaTeX sees a formula:
 *
 * - `eqnarray` and `eqnarray*` (no KaTeX support) become a display-style array of right, centred
 *   and left columns (`darray`, rows spaced a little apart), as other KaTeX renderers map them;
 *   `multline` becomes `gather*`, `flalign` becomes `align*`.
 * - Numbered environments (`align`, `equation`, `gather`, `alignat`) lose their numbers:
 *   JupyterLab's MathJax does not number equations, so neither does Tandem.
 * - A formula holding an environment KaTeX allows only in display mode (`align`, `equation`, …)
 *   is display math even between single dollars, as `$\begin{align}…\end{align}$` is in Jupyter's
 *   own examples.
 */

/** Environments KaTeX typesets only in display mode, and those mapped to one (or to a display array). */
const DISPLAY_ONLY = /\\begin\{(?:align|alignat|equation|gather|split|CD|eqnarray|multline|flalign)\*?\}/;

const EQNARRAY_BEGIN = "{\\def\\arraystretch{1.3}\\begin{darray}{rcl}";
const EQNARRAY_END = "\\end{darray}}";

/** `tex` as KaTeX can typeset it, and whether it must be display math. */
export function texForKatex(tex: string, display: boolean): { tex: string; display: boolean } {
  if (!tex.includes("\\begin")) return { tex, display };
  const out = tex
    // eqnarray: a display-style array, right-centre-left (KaTeX lets a row have more cells than that),
    // its rows spaced apart as LaTeX's are (the stretch is local to the braces).
    .replace(/\\(begin|end)\{eqnarray\*?\}/g, (_whole, kind: string) => (kind === "begin" ? EQNARRAY_BEGIN : EQNARRAY_END))
    .replace(/\\(begin|end)\{multline\*?\}/g, "\\$1{gather*}")
    .replace(/\\(begin|end)\{flalign\*?\}/g, "\\$1{align*}")
    .replace(/\\(begin|end)\{(align|alignat|equation|gather)\}/g, "\\$1{$2*}");
  return { tex: out, display: display || DISPLAY_ONLY.test(tex) };
}
