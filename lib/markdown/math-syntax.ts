/**
 * The `$…$` / `$$…$$` math syntax of Jupyter markdown, as a markdown-it plugin that leaves the
 * typesetting to a callback: render.ts passes one that uses KaTeX once it has loaded and a TeX
 * placeholder before (math.ts), so parsing markdown never needs KaTeX itself.
 *
 * The rules are those of markdown-it-texmath 1.0.0 with `delimiters: "dollars"` (MIT, Stefan
 * Goessner), which Tandem used before: same patterns, same output markup, so lessons render as
 * they did. It is ported rather than used because its module `require`s katex for a default
 * engine, which put KaTeX in every bundle that renders markdown.
 */
import type MarkdownIt from "markdown-it";
import type { StateBlock, StateInline } from "markdown-it";

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

const BACKSLASH = 0x5c;
const isDigit = (code: number) => code >= 0x30 && code <= 0x39;

/** An opening `$` counts unless a backslash or a digit comes right before it ("costs 5$"). */
function opens(src: string, at: number): boolean {
  if (at === 0) return true;
  const before = src.charCodeAt(at - 1);
  return before !== BACKSLASH && !isDigit(before);
}

/** A closing `$` counts unless a digit comes right after it ("$5 and $6"). */
function closes(src: string, at: number): boolean {
  return at + 1 >= src.length || !isDigit(src.charCodeAt(at + 1));
}

interface InlineRule {
  name: string;
  /** Sticky: matched at the parser's position only. */
  pattern: RegExp;
  tag: string;
  displayMode: boolean;
  wrap: (html: string) => string;
}

// `$$…$$` first, so that `$$x$$` inside a paragraph is display math rather than two empty `$`s.
const INLINE_RULES: InlineRule[] = [
  {
    name: "math_inline_double",
    pattern: /\${2}([^$]*?[^\\])\${2}/y,
    tag: "$$",
    displayMode: true,
    wrap: (html) => `<section><eqn>${html}</eqn></section>`,
  },
  {
    name: "math_inline",
    pattern: /\$((?:[^\s\\])|(?:\S.*?[^\s\\]))\$/y,
    tag: "$",
    displayMode: false,
    wrap: (html) => `<eq>${html}</eq>`,
  },
];

function inlineRule(rule: InlineRule) {
  return (state: StateInline, silent: boolean): boolean => {
    const { pos, src } = state;
    if (!src.startsWith(rule.tag, pos) || !opens(src, pos)) return false;
    rule.pattern.lastIndex = pos;
    const match = rule.pattern.exec(src);
    if (!match || rule.pattern.lastIndex <= pos || !closes(src, rule.pattern.lastIndex - 1)) return false;
    if (!silent) {
      const token = state.push(rule.name, "math", 0);
      token.content = match[1]!;
      token.markup = rule.tag;
    }
    state.pos = rule.pattern.lastIndex;
    return true;
  };
}

interface BlockRule {
  name: string;
  pattern: RegExp;
  wrap: (html: string, equationNumber: string) => string;
}

// A formula that starts a block, with an equation number `$$…$$ (1)` first.
const BLOCK_RULES: BlockRule[] = [
  {
    name: "math_block_eqno",
    pattern: /\${2}([^$]*?[^\\])\${2}\s*?\(([^)\s]+?)\)/my,
    wrap: (html, number) => `<section class="eqno"><eqn>${html}</eqn><span>(${escapeHtml(number)})</span></section>`,
  },
  {
    name: "math_block",
    pattern: /\${2}([^$]*?[^\\])\${2}/my,
    wrap: (html) => `<section><eqn>${html}</eqn></section>`,
  },
];

function blockRule(rule: BlockRule) {
  return (state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean => {
    const pos = state.bMarks[startLine]! + state.tShift[startLine]!;
    const { src } = state;
    if (!src.startsWith("$$", pos)) return false;
    rule.pattern.lastIndex = pos;
    const match = rule.pattern.exec(src);
    if (!match || rule.pattern.lastIndex <= pos) return false;
    if (silent) return true;
    // The line the formula ends on; the block ends with it.
    const end = rule.pattern.lastIndex - 1;
    let line = startLine;
    while (line < endLine && !(end >= state.bMarks[line]! + state.tShift[line]! && end <= state.eMarks[line]!)) line++;
    const token = state.push(rule.name, "math", 0);
    token.block = true;
    token.tag = "$$";
    token.markup = "";
    // Inside a blockquote, the `>` markers of the formula's later lines are not TeX.
    token.content = state.parentType === "blockquote" ? match[1]!.replace(/(\n*?^(?:\s*>)+)/gm, "") : match[1]!;
    token.info = match[match.length - 1]!;
    token.map = [startLine, line + 1];
    state.line = line + 1;
    return true;
  };
}

/** Adds `$…$` (inline), `$$…$$` (display) and `$$…$$ (n)` (numbered display) math to markdown-it. */
export function mathSyntax(md: MarkdownIt, render: TexRenderer): void {
  for (const rule of INLINE_RULES) {
    md.inline.ruler.before("escape", rule.name, inlineRule(rule));
    md.renderer.rules[rule.name] = (tokens, idx, _options, env) =>
      rule.wrap(render(tokens[idx]!.content, rule.displayMode, env));
  }
  for (const rule of BLOCK_RULES) {
    md.block.ruler.before("fence", rule.name, blockRule(rule));
    md.renderer.rules[rule.name] = (tokens, idx, _options, env) =>
      rule.wrap(render(tokens[idx]!.content, true, env), tokens[idx]!.info);
  }
}
