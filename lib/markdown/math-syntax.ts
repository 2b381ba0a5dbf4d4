/**
 * Jupyter's math in markdown, as a markdown-it plugin that leaves the typesetting to a callback:
 * render.ts passes one that uses KaTeX once it has loaded and a TeX placeholder before (math.ts),
 * so parsing markdown never needs KaTeX itself.
 *
 * It works as Jupyter does: the formulas are taken out of the source before markdown parses it
 * (math-delimiters.ts finds them, with Jupyter's delimiters and rules), each replaced by a
 * placeholder `@@n@@` that means nothing to markdown, so a formula over several lines, or one with
 * `_`, `*`, `\\` or a line starting with `-`, stays whole. After parsing, a placeholder in text
 * becomes a `math` token; one that ended up where no formula can be shown (a code span, a link's
 * address, an image's description, inside an HTML tag) gets its source back as it was. Text that
 * already looked like a placeholder is kept aside the same way, and comes back unchanged.
 */
import type MarkdownIt from "markdown-it";
import type { StateCore, Token } from "markdown-it";
import { findMath, type MathSpan } from "./math-delimiters";

/** Typesets one formula to HTML. `env` is the markdown-it render env, for the caller's own notes. */
export type TexRenderer = (tex: string, displayMode: boolean, env: unknown) => string;

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#039;");
}

/** What a placeholder stands for: a formula, or text that only looked like a placeholder. */
interface Piece {
  source: string;
  math: Pick<MathSpan, "tex" | "display"> | null;
}

const PLACEHOLDER = /@@(\d+)@@/g;

/** The source with its formulas taken out, and what each placeholder stands for. */
export function extractMath(source: string): { text: string; pieces: Piece[] } {
  const pieces: Piece[] = [];
  const keep = (text: string) =>
    text.replace(PLACEHOLDER, (whole) => `@@${pieces.push({ source: whole, math: null }) - 1}@@`);
  let text = "";
  let at = 0;
  for (const span of findMath(source, { markdown: true })) {
    text += keep(source.slice(at, span.from));
    const whole = source.slice(span.from, span.to);
    const tex = inQuote(source, span.from) ? span.tex.replace(/\n[ \t]*(?:>[ \t]?)+/g, "\n") : span.tex;
    text += `@@${pieces.push({ source: whole, math: { tex, display: span.display } }) - 1}@@`;
    at = span.to;
  }
  return { text: text + keep(source.slice(at)), pieces };
}

/** Whether the line `at` is on is quoted (`> …`): its formula's later lines start with `>` too. */
function inQuote(source: string, at: number): boolean {
  return /^[ \t]*>/.test(source.slice(source.lastIndexOf("\n", at - 1) + 1, at));
}

/** Whether `at` in an HTML fragment is inside a tag or a comment (after a `<` not yet closed). */
function insideTag(html: string, at: number): boolean {
  return html.lastIndexOf("<", at) > html.lastIndexOf(">", at);
}

/** Each parse's pieces, from the rule that takes the math out to the one that puts it back. */
const parsed = new WeakMap<StateCore, Piece[]>();

/** Adds Jupyter's math (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`, `\begin{…}…\end{…}`) to markdown-it. */
export function mathSyntax(md: MarkdownIt, render: TexRenderer): void {
  md.core.ruler.after("normalize", "math_extract", (state) => {
    const { text, pieces } = extractMath(state.src);
    state.src = text;
    parsed.set(state, pieces);
  });
  md.core.ruler.push("math_restore", (state) => {
    const pieces = parsed.get(state);
    if (pieces?.length) restore(state, pieces, render);
  });
  md.renderer.rules.math = (tokens, idx, _options, env) => {
    const token = tokens[idx]!;
    return render(token.content, (token.meta as { display: boolean }).display, env);
  };
}

function restore(state: StateCore, pieces: readonly Piece[], render: TexRenderer): void {
  const raw = (text: string) => text.replace(PLACEHOLDER, (whole, n: string) => pieces[Number(n)]?.source ?? whole);

  /** A token where no formula shows: its text, attributes and children as they were written. */
  const asWritten = (token: Token) => {
    token.content = raw(token.content);
    token.info = raw(token.info);
    token.attrs = token.attrs?.map(([name, value]) => [name, raw(value)]) ?? null;
    token.children?.forEach(asWritten);
  };

  /** Text with placeholders: text and math tokens. */
  const splitText = (token: Token): Token[] => {
    if (!token.content.includes("@@")) return [token];
    const out: Token[] = [];
    let at = 0;
    for (const m of token.content.matchAll(PLACEHOLDER)) {
      const piece = pieces[Number(m[1])];
      if (!piece?.math) continue;
      if (m.index > at) out.push(textToken(raw(token.content.slice(at, m.index))));
      const math = new state.Token("math", "", 0);
      math.content = piece.math.tex;
      math.meta = { display: piece.math.display };
      out.push(math);
      at = m.index + m[0].length;
    }
    if (at < token.content.length) out.push(textToken(raw(token.content.slice(at))));
    return out;
  };
  const textToken = (content: string) => {
    const text = new state.Token("text", "", 0);
    text.content = content;
    return text;
  };

  state.tokens.forEach((token, i) => {
    if (token.type === "inline" && token.children) {
      token.children = token.children.flatMap((child) => {
        if (child.type === "text") return splitText(child);
        asWritten(child);
        return [child];
      });
      token.content = raw(token.content);
      // A paragraph that is one display formula is that formula alone, as a block.
      const [only, ...others] = token.children;
      if (only?.type === "math" && (only.meta as { display: boolean }).display && others.length === 0) {
        const [before, after] = [state.tokens[i - 1], state.tokens[i + 1]];
        if (before?.type === "paragraph_open" && after?.type === "paragraph_close") before.hidden = after.hidden = true;
      }
    } else if (token.type === "html_block") {
      // Raw HTML in markdown: MathJax typesets the formulas in its text, so these are typeset too.
      const html = token.content;
      token.content = html.replace(PLACEHOLDER, (whole, n: string, offset: number) => {
        const piece = pieces[Number(n)];
        if (!piece) return whole;
        return piece.math && !insideTag(html, offset) ? render(piece.math.tex, piece.math.display, state.env) : piece.source;
      });
    } else {
      asWritten(token);
    }
  });
}
