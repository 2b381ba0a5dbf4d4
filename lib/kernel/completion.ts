/**
 * What the code before the cursor asks for: the pure half of completion and inspection, shared by
 * the worker (which then asks Python, worker/python-complete.ts) and the page (client.ts, which
 * answers from its cache while Python is busy). No Python and no editor here: plain text in,
 * plain data out.
 *
 * A light scanner, not a parser: it skips strings and comments and tracks open brackets, which is
 * all completion needs (IPython's completer works on the line before the cursor the same way).
 * The editor also asks its syntax tree before calling at all; this keeps the kernel honest when it
 * is called without one (tests, the benchmark).
 */
import type { CompletionMatch } from "./protocol";

export type CompletionContext =
  /** A name on its own: the namespace, builtins and keywords. `from` is where the word starts. */
  | { readonly kind: "name"; readonly prefix: string; readonly from: number }
  /** `object.prefix`: attributes of a dotted name that Python resolves without calling anything. */
  | { readonly kind: "attribute"; readonly object: string; readonly prefix: string; readonly from: number }
  /** `import pack.prefix` / `from pack.prefix`: modules (top level when `parent` is null). */
  | { readonly kind: "module"; readonly parent: string | null; readonly prefix: string; readonly from: number }
  /** `from module import prefix`: the module's names and submodules. */
  | { readonly kind: "import-name"; readonly module: string; readonly prefix: string; readonly from: number };

interface Scan {
  /** The cursor is inside a string literal or a comment. */
  readonly quoted: boolean;
  /** Offsets of the brackets open at the cursor, innermost last. */
  readonly open: readonly number[];
}

const OPENERS = "([{";
const CLOSERS = ")]}";

/** Skips strings and comments from the start of `code` to `cursor`, tracking open brackets. */
export function scan(code: string, cursor: number): Scan {
  const open: number[] = [];
  let i = 0;
  while (i < cursor) {
    const c = code[i]!;
    if (c === "#") {
      const end = code.indexOf("\n", i);
      if (end === -1 || end >= cursor) return { quoted: true, open };
      i = end + 1;
    } else if (c === '"' || c === "'") {
      const quote = code.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      let j = i + quote.length;
      for (;;) {
        if (j >= cursor) return { quoted: true, open };
        if (code[j] === "\\") j += 2;
        else if (code.startsWith(quote, j)) break;
        else if (quote.length === 1 && code[j] === "\n") break; // an unclosed one-line string ends here
        else j += 1;
      }
      i = j + quote.length;
    } else {
      if (OPENERS.includes(c)) open.push(i);
      else if (CLOSERS.includes(c)) open.pop();
      i += 1;
    }
  }
  return { quoted: false, open };
}

const WORD = String.raw`[\p{L}\p{N}_]`;
const IDENT = String.raw`[\p{L}_]${WORD}*`;
const DOTTED = `${IDENT}(?:\\.${IDENT})*`;
const ATTRIBUTE = new RegExp(`(?<![\\p{L}\\p{N}_.])(${DOTTED})\\.(${WORD}*)$`, "u");
const NAME = new RegExp(`(?<![\\p{L}\\p{N}_.])(${IDENT})?$`, "u");
const IMPORT = /^\s*import\s+(.*)$/u;
const FROM = /^\s*from\s+(\S*)$/u;
const FROM_IMPORT = new RegExp(`^\\s*from\\s+(${DOTTED})\\s+import\\s+(.*)$`, "u");
const DOTTED_PARTIAL = new RegExp(`^(?:(${DOTTED})\\.)?(${WORD}*)$`, "u");
const IMPORTED_NAME = new RegExp(`(?:^|[\\s,(])(${WORD}*)$`, "u");

function moduleContext(path: string, end: number): CompletionContext | null {
  const match = DOTTED_PARTIAL.exec(path);
  if (!match) return null; // a relative import, an alias, ...
  const prefix = match[2]!;
  return { kind: "module", parent: match[1] ?? null, prefix, from: end - prefix.length };
}

/** The completion the cursor asks for, or null (inside a string or comment, after a number, ...). */
export function completionContext(code: string, cursor: number): CompletionContext | null {
  if (cursor < 0 || cursor > code.length) throw new RangeError(`Cursor ${cursor} outside the code (length ${code.length})`);
  if (scan(code, cursor).quoted) return null;
  const line = code.slice(code.lastIndexOf("\n", cursor - 1) + 1, cursor);

  const imported = IMPORT.exec(line);
  if (imported) {
    const last = imported[1]!.split(",").at(-1)!.trimStart();
    return moduleContext(last, cursor);
  }
  const from = FROM.exec(line);
  if (from) return moduleContext(from[1]!, cursor);
  const fromImport = FROM_IMPORT.exec(line);
  if (fromImport) {
    const name = IMPORTED_NAME.exec(fromImport[2]!);
    if (!name || /\bas\s+\S*$/u.test(fromImport[2]!)) return null;
    const prefix = name[1]!;
    return { kind: "import-name", module: fromImport[1]!, prefix, from: cursor - prefix.length };
  }
  if (/^\s*from\s/u.test(line)) return null; // a relative import, or `from x ` before its import

  const attribute = ATTRIBUTE.exec(line);
  if (attribute) {
    const prefix = attribute[2]!;
    return { kind: "attribute", object: attribute[1]!, prefix, from: cursor - prefix.length };
  }
  const name = NAME.exec(line);
  if (!name) return null;
  const prefix = name[1] ?? "";
  const before = line[line.length - prefix.length - 1];
  // `1.5`, `x[0].`, `f().`: nothing Python may resolve without running code; `12ab`: not a name.
  if (before === "." || (prefix === "" && before !== undefined && /[\p{N}]/u.test(before))) return null;
  return { kind: "name", prefix, from: cursor - prefix.length };
}

const INSPECTABLE_BEFORE = new RegExp(`(${DOTTED})\\s*$`, "u");
const DOTTED_AT = new RegExp(`^${DOTTED}$`, "u");
const WORD_CHAR = new RegExp(`[\\p{L}\\p{N}_.]`, "u");

/**
 * What Shift-Tab inspects: inside a call's parentheses, the callable (as IPython's
 * token_at_cursor prefers it); else the dotted name at the cursor. Null when there is none.
 */
export function inspectTarget(code: string, cursor: number): string | null {
  if (cursor < 0 || cursor > code.length) throw new RangeError(`Cursor ${cursor} outside the code (length ${code.length})`);
  const { quoted, open } = scan(code, cursor);
  if (!quoted) {
    const innermost = open.at(-1);
    if (innermost !== undefined && code[innermost] === "(") {
      const callee = INSPECTABLE_BEFORE.exec(code.slice(0, innermost));
      if (callee) return callee[1]!;
    }
  }
  let start = cursor;
  while (start > 0 && WORD_CHAR.test(code[start - 1]!)) start -= 1;
  let end = cursor;
  while (end < code.length && WORD_CHAR.test(code[end]!) && code[end] !== ".") end += 1;
  const name = code.slice(start, end).replace(/\.+$/u, "");
  return !quoted && DOTTED_AT.test(name) ? name : null;
}

/** Whether a name is left out of a list for this typed prefix: private names need a "_" typed. */
export function hiddenFor(prefix: string, label: string): boolean {
  return label.startsWith("_") && !prefix.startsWith("_");
}

/** A word Python was asked to complete: the cell's code and the context at the cursor. */
export interface AskedWord {
  readonly code: string;
  readonly context: CompletionContext;
}

/**
 * Whether Python's list for `asked` also answers `now`: the same word, typed on. The code up to
 * the word's start is the same and the typed part only grew (or stayed). Python lists every
 * candidate whatever is typed (the editor filters), except the "_" names, which come only for a
 * typed part that starts with "_" (hiddenFor): a list for `math.` cannot answer `math._`.
 */
export function sameWordTypedOn(asked: AskedWord, now: AskedWord): boolean {
  const a = asked.context;
  const b = now.context;
  return (
    a.kind === b.kind &&
    a.from === b.from &&
    b.prefix.startsWith(a.prefix) &&
    !(a.prefix === "" && b.prefix.startsWith("_")) &&
    now.code.startsWith(asked.code.slice(0, a.from))
  );
}

/**
 * A completion from names held on the page (the cache of the kernel's last name list, used while
 * Python is busy): only plain names can be answered that way. Null when the context needs Python.
 */
export function completeFromNames(
  context: CompletionContext | null,
  names: readonly CompletionMatch[],
): readonly CompletionMatch[] | null {
  if (context === null || context.kind !== "name") return null;
  return names.filter((match) => !hiddenFor(context.prefix, match.label));
}
