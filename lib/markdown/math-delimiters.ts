/**
 * Where the math is in a Jupyter markdown cell or a text/latex output, found as Jupyter finds it.
 *
 * Jupyter takes math out of markdown before the markdown parser sees it (so `_`, `*`, `\\` and a
 * line starting with `-` inside a formula stay TeX), then MathJax typesets it. Its rules, which
 * this scanner follows:
 *
 * - Delimiters: `$…$` (inline), `$$…$$` (display), `\(…\)` (inline), `\[…\]` (display), the same
 *   two with a doubled backslash (`\\(…\\)`, what survives markdown's escaping), and a bare
 *   environment `\begin{name}…\end{name}` (display, the environment kept in the TeX).
 * - Math may run over several lines but never over a blank line (that ends a paragraph).
 * - Braces balance: a closing delimiter inside `{…}` does not close (`\text{for $x$}` inside
 *   `$$…$$`); if the braces never balance, the last closing delimiter seen closes.
 * - `\$` is an escaped dollar, never a delimiter; code spans and fenced code blocks hold no math
 *   (markdown only).
 *
 * One rule is not Jupyter's: a single `$` follows pandoc's rules for dollar amounts, which
 * markdown-it-texmath (Tandem's previous syntax) also had. An opening `$` has a non-space right
 * after it and no digit right before it; a closing `$` has a non-space right before it and no digit
 * right after it. So "costs $5 and $10" and "5$ or $6" stay prose. A delimiter that finds no end
 * is text, and the search goes on right after it.
 */

/** One formula in the source. */
export interface MathSpan {
  /** The formula with its delimiters is `source.slice(from, to)`. */
  from: number;
  to: number;
  /** The TeX to typeset: delimiters taken off; an environment keeps its `\begin` and `\end`. */
  tex: string;
  /** `$$`, `\[` and environments are display math; `$` and `\(` inline. */
  display: boolean;
}

export interface FindMathOptions {
  /** Markdown: code spans and fenced code blocks hold no math. */
  markdown: boolean;
}

/**
 * Every token that matters: doubled and single `\(` `\)` `\[` `\]`, `\begin{…}` and `\end{…}`, any
 * other backslash pair (an escape, so `\$` and `\\` are skipped whole), `$$` and `$`, braces, and a
 * blank line (a newline, then only spaces up to another newline).
 */
const TOKEN = /\\\\[()[\]]|\\[()[\]]|\\(begin|end)\{([a-zA-Z]+\*?)\}|\\[\s\S]|\$\$?|[{}]|\n[ \t]*\n/g;

interface Open {
  /** Where the opening delimiter starts, and where it ends. */
  from: number;
  after: number;
  /** The token that closes it (for an environment, `\end{name}`). */
  close: string;
  display: boolean;
  /** Environment: its name, and how deep in environments of the same name the scan is. */
  env: string | null;
  depth: number;
  braces: number;
  /** A closing token seen while braces were open: where it ended. */
  candidate: number | null;
}

const isSpace = (ch: string | undefined) => ch === undefined || /\s/.test(ch);
const isDigit = (ch: string | undefined) => ch !== undefined && ch >= "0" && ch <= "9";

const CLOSERS: Record<string, { close: string; display: boolean }> = {
  "\\\\(": { close: "\\\\)", display: false },
  "\\\\[": { close: "\\\\]", display: true },
  "\\(": { close: "\\)", display: false },
  "\\[": { close: "\\]", display: true },
  $$: { close: "$$", display: true },
  $: { close: "$", display: false },
};

/** The spans of code (fenced blocks, code spans) in markdown, in order: no math inside them. */
export function codeRanges(source: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const fence = /^ {0,3}(`{3,}|~{3,})[^\n]*$/gm;
  let blockStart = 0;
  const spansUpTo = (end: number) => {
    // Code spans: a run of n backticks (not escaped) up to the next run of exactly n, within a paragraph.
    const run = /`+/g;
    run.lastIndex = blockStart;
    let m: RegExpExecArray | null;
    while ((m = run.exec(source)) && m.index < end) {
      if (escaped(source, m.index)) continue;
      const close = new RegExp(`(?<!\`)${m[0]}(?!\`)`, "g");
      close.lastIndex = m.index + m[0].length;
      const found = close.exec(source);
      if (!found || found.index >= end || /\n[ \t]*\n/.test(source.slice(m.index, found.index))) continue;
      ranges.push([m.index, found.index + found[0].length]);
      run.lastIndex = found.index + found[0].length;
    }
  };
  let m: RegExpExecArray | null;
  while ((m = fence.exec(source))) {
    const marker = m[1]!;
    if (marker[0] === "`" && m[0].slice(m[0].indexOf(marker) + marker.length).includes("`")) continue;
    spansUpTo(m.index);
    const closing = new RegExp(`^ {0,3}${marker[0] === "`" ? "`" : "~"}{${marker.length},}[ \\t]*$`, "gm");
    closing.lastIndex = m.index + m[0].length;
    const end = closing.exec(source);
    const to = end ? end.index + end[0].length : source.length;
    ranges.push([m.index, to]);
    blockStart = to;
    fence.lastIndex = to;
  }
  spansUpTo(source.length);
  return ranges;
}

/** Whether the character at `at` follows an odd number of backslashes. */
function escaped(source: string, at: number): boolean {
  let n = 0;
  while (at - n - 1 >= 0 && source[at - n - 1] === "\\") n++;
  return n % 2 === 1;
}

/** The formulas in `source`, in order, not overlapping. */
export function findMath(source: string, { markdown }: FindMathOptions): MathSpan[] {
  const code = markdown ? codeRanges(source) : [];
  const spans: MathSpan[] = [];
  const tokens = new RegExp(TOKEN.source, "g");
  let open: Open | null = null;

  /** Ends the open formula at `to` (an empty one is text); the scan goes on after it. */
  const finish = (state: Open, to: number) => {
    open = null;
    const tex = state.env !== null ? source.slice(state.from, to) : source.slice(state.after, to - state.close.length);
    if (tex.trim() !== "") spans.push({ from: state.from, to, tex, display: state.display });
    tokens.lastIndex = to;
  };
  /**
   * Where no closing delimiter of a kind appears before (its key: the delimiter, its value: the
   * blank line or end where the search stopped). A later opener of that kind before there is
   * text at once, so a paragraph of lone `$`s is scanned once, not once for each. (Not for
   * environments: whether one closes depends on the nesting from where it opens.)
   */
  const noCloser = new Map<string, number>();
  /** No end before `stop` (a blank line, the end): the last closer seen inside braces, or nothing. */
  const giveUp = (state: Open, stop: number) => {
    if (state.candidate !== null) return finish(state, state.candidate);
    open = null;
    if (state.env === null) noCloser.set(state.close, stop);
    tokens.lastIndex = state.after;
  };
  /** A closing delimiter: closes now if braces balance, else remembered in case they never do. */
  const close = (state: Open, to: number) => {
    if (state.braces === 0) return finish(state, to);
    state.candidate = to;
    state.depth = 1;
  };

  for (;;) {
    const m = tokens.exec(source);
    if (!m) {
      // exec starts again at 0 after a miss: a formula still open ends here, or is text.
      if (!open) break;
      giveUp(open, source.length);
      continue;
    }
    const [token, kind, name] = m;
    const at = m.index;
    const inCode = code.find(([from, to]) => from <= at && at < to);
    if (inCode) {
      if (open && /\n[ \t]*\n/.test(source.slice(at, inCode[1]))) giveUp(open, at);
      else tokens.lastIndex = inCode[1];
      continue;
    }
    if (!open) {
      const opened = opening(source, token, at, kind, name);
      open = opened && (noCloser.get(opened.close) ?? -1) <= at ? opened : null;
    } else if (token.startsWith("\n")) {
      giveUp(open, at);
    } else if (token === "{") {
      open.braces++;
    } else if (token === "}") {
      if (open.braces > 0) open.braces--;
    } else if (open.env !== null) {
      if (name !== open.env) continue;
      open.depth += kind === "begin" ? 1 : -1;
      if (open.depth === 0) close(open, at + token.length);
    } else if (token === open.close && (token !== "$" || closesDollar(source, at))) {
      close(open, at + token.length);
    }
  }
  return spans;
}

/** The math a token opens, if it opens any. */
function opening(source: string, token: string, at: number, kind: string | undefined, name: string | undefined): Open | null {
  const base = { from: at, after: at + token.length, braces: 0, candidate: null, depth: 1 };
  if (kind === "begin" && name) return { ...base, close: `\\end{${name}}`, display: true, env: name };
  const closer = CLOSERS[token];
  if (!closer) return null;
  if (token === "$" && (isSpace(source[at + 1]) || isDigit(source[at - 1]))) return null;
  return { ...base, ...closer, env: null };
}

/** A closing `$`: a non-space right before it, no digit right after it. */
function closesDollar(source: string, at: number): boolean {
  return !isSpace(source[at - 1]) && !isDigit(source[at + 1]);
}
