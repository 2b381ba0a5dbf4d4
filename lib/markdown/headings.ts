/**
 * The headings of a markdown text, for a notebook's table of contents: ATX headings ("## Title")
 * and setext headings (a line underlined with === or ---), outside fenced code blocks, as plain
 * text (links, emphasis, code spans and HTML tags reduced to their words). Pure: no DOM.
 */

export interface MarkdownHeading {
  /** 1 for "#", up to 6. */
  readonly level: number;
  readonly text: string;
  /** The heading's line, from 0. */
  readonly line: number;
}

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const SETEXT_1 = /^ {0,3}=+[ \t]*$/;
const SETEXT_2 = /^ {0,3}-+[ \t]*$/;
/** A line that cannot be a setext heading's text: blank, a list item, a quote, a table rule, indented code. */
const NOT_PARAGRAPH = /^(\s*$| {4}|\t| {0,3}([-*+>]|\d+[.)])(\s|$)| {0,3}\|)/;

/** A heading's words without markdown: "**Big** [idea](x) `f()`" -> "Big idea f()". */
export function plainHeading(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, "$1")
    .replace(/<[^>]+>/g, "")
    .replace(/(`+)(.*?)\1/g, "$2")
    .replace(/(\*\*|__)(.+?)\1/g, "$2")
    .replace(/(\*|_)(.+?)\1/g, "$2")
    .replace(/~~(.+?)~~/g, "$1")
    .replace(/\\([\\`*_{}[\]()#+\-.!])/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

/** The headings of `source` up to `maxLevel`, in order. */
export function markdownHeadings(source: string, maxLevel = 6): MarkdownHeading[] {
  const lines = source.split(/\r?\n/);
  const found: MarkdownHeading[] = [];
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const opens = FENCE.exec(line);
    if (fence !== null) {
      if (opens && opens[1]![0] === fence[0] && opens[1]!.length >= fence.length && line.trim() === opens[1]) fence = null;
      continue;
    }
    if (opens) {
      fence = opens[1]!;
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      const text = plainHeading(atx[2] ?? "");
      if (text && atx[1]!.length <= maxLevel) found.push({ level: atx[1]!.length, text, line: i });
      continue;
    }
    const next = lines[i + 1];
    if (next !== undefined && !NOT_PARAGRAPH.test(line) && (SETEXT_1.test(next) || SETEXT_2.test(next))) {
      // A paragraph's last line only: the line above must end a block.
      const above = i === 0 ? "" : lines[i - 1]!;
      const level = SETEXT_1.test(next) ? 1 : 2;
      if (/^\s*$/.test(above) || ATX.test(above)) {
        const text = plainHeading(line);
        if (text && level <= maxLevel) found.push({ level, text, line: i });
      }
      i++;
    }
  }
  return found;
}

export interface HeadingNode<T extends { level: number }> {
  readonly heading: T;
  readonly children: HeadingNode<T>[];
}

/**
 * Headings as a tree: each under the nearest heading before it of a smaller level. A document that
 * starts at "##" (or skips a level) nests by what is there, never with empty levels in between.
 */
export function nestHeadings<T extends { level: number }>(headings: readonly T[]): HeadingNode<T>[] {
  const roots: HeadingNode<T>[] = [];
  const stack: HeadingNode<T>[] = [];
  for (const heading of headings) {
    const node: HeadingNode<T> = { heading, children: [] };
    while (stack.length > 0 && stack[stack.length - 1]!.heading.level >= heading.level) stack.pop();
    (stack.length > 0 ? stack[stack.length - 1]!.children : roots).push(node);
    stack.push(node);
  }
  return roots;
}
