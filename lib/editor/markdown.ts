/**
 * A small markdown mode for editing markdown cells: headings, emphasis, inline and fenced code,
 * links, lists, quotes and $math$. Only colours, no structure: the rendered cell is the real view,
 * and this keeps the source readable while it is being written (no full markdown grammar needed).
 */
import { StreamLanguage, type StringStream } from "@codemirror/language";

interface State {
  fence: string | null;
  math: boolean;
}

function inline(stream: StringStream): string | null {
  if (stream.match(/^`+[^`]*`+/)) return "monospace";
  if (stream.match(/^\$\$?[^$]+\$\$?/)) return "string";
  if (stream.match(/^(\*\*|__)(?=\S)(.+?\S)\1/)) return "strong";
  if (stream.match(/^([*_])(?=\S)(.+?\S)\1/)) return "emphasis";
  if (stream.match(/^!?\[[^\]]*\]\([^)]*\)/)) return "link";
  if (stream.match(/^<https?:\/\/[^>]+>/)) return "url";
  stream.next();
  stream.eatWhile(/[^`$*_![<]/);
  return null;
}

export const markdownLanguage = StreamLanguage.define<State>({
  name: "markdown",
  startState: () => ({ fence: null, math: false }),
  copyState: (s) => ({ ...s }),
  token(stream, state) {
    if (state.fence !== null) {
      if (stream.sol() && stream.match(state.fence)) {
        state.fence = null;
        stream.skipToEnd();
        return "meta";
      }
      stream.skipToEnd();
      return "monospace";
    }
    if (state.math) {
      if (stream.match(/^.*?\$\$/)) {
        state.math = false;
        return "string";
      }
      stream.skipToEnd();
      return "string";
    }
    if (stream.sol()) {
      const fence = stream.match(/^(```+|~~~+)/) as RegExpMatchArray | null;
      if (fence) {
        state.fence = fence[1]!;
        stream.skipToEnd();
        return "meta";
      }
      if (stream.match(/^\$\$\s*$/)) {
        state.math = true;
        return "string";
      }
      if (stream.match(/^#{1,6}\s.*/)) return "heading";
      if (stream.match(/^>\s?/)) return "quote";
      if (stream.match(/^\s*([-*+]|\d+[.)])\s/)) return "list";
    }
    return inline(stream);
  },
});
