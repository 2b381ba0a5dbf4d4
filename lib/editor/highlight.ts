/**
 * Syntax colours, one set for every way code appears: the live editors, the read-only lesson
 * views and the static text shown for cells far from the viewport (which are not CodeMirror
 * views at all, so a 500-cell notebook does not build 500 editors). Tokens get `tok-*` classes;
 * app/globals.css gives them Jupyter's colours, so all three look the same.
 */
import { tags as t, tagHighlighter, highlightCode } from "@lezer/highlight";
import { pythonLanguage } from "@codemirror/lang-python";

export const tokenHighlighter = tagHighlighter([
  { tag: [t.keyword, t.modifier], class: "tok-kw" },
  { tag: [t.bool, t.null, t.atom], class: "tok-atom" },
  { tag: [t.string, t.special(t.string)], class: "tok-str" },
  { tag: [t.escape, t.regexp], class: "tok-esc" },
  { tag: t.number, class: "tok-num" },
  { tag: t.comment, class: "tok-comment" },
  { tag: [t.operator, t.operatorKeyword], class: "tok-op" },
  { tag: [t.function(t.definition(t.variableName)), t.definition(t.className)], class: "tok-def" },
  { tag: [t.function(t.variableName), t.function(t.propertyName)], class: "tok-call" },
  { tag: [t.standard(t.variableName), t.self], class: "tok-builtin" },
  { tag: t.meta, class: "tok-meta" },
  // Markdown
  { tag: t.heading, class: "tok-heading" },
  { tag: t.emphasis, class: "tok-em" },
  { tag: t.strong, class: "tok-strong" },
  { tag: [t.link, t.url], class: "tok-link" },
  { tag: t.monospace, class: "tok-mono" },
  { tag: t.quote, class: "tok-quote" },
  { tag: t.list, class: "tok-list" },
]);

/** One run of text and its classes ("" for plain). */
export interface Token {
  readonly text: string;
  readonly cls: string;
}

/** Python source as lines of classed tokens, for static rendering. An empty source is one empty line. */
export function highlightPython(source: string): Token[][] {
  const lines: Token[][] = [[]];
  const tree = pythonLanguage.parser.parse(source);
  highlightCode(
    source,
    tree,
    tokenHighlighter,
    (text, cls) => lines[lines.length - 1]!.push({ text, cls }),
    () => lines.push([]),
  );
  return lines;
}
