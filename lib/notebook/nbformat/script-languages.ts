/**
 * What jupytext knows of script languages, ported from jupytext 1.19 (MIT,
 * src/jupytext/languages.py, magics.py, stringparser.py): each script extension's language and
 * comment, which lines are Jupyter magics that a script must comment out (and uncomment on the way
 * back), and whether a line starts inside a quoted string (magics inside strings are left alone).
 * Kept line for line with the Python so that a file written here reads back in jupytext unchanged.
 */

export interface ScriptExtension {
  language: string;
  comment: string;
  commentSuffix?: string;
}

/** jupytext's _SCRIPT_EXTENSIONS, in its order (the first extension of a language is the one written). */
export const SCRIPT_EXTENSIONS: Readonly<Record<string, ScriptExtension>> = {
  ".py": { language: "python", comment: "#" },
  ".coco": { language: "coconut", comment: "#" },
  ".R": { language: "R", comment: "#" },
  ".r": { language: "R", comment: "#" },
  ".jl": { language: "julia", comment: "#" },
  ".cpp": { language: "c++", comment: "//" },
  ".ss": { language: "scheme", comment: ";;" },
  ".clj": { language: "clojure", comment: ";;" },
  ".scm": { language: "scheme", comment: ";;" },
  ".sh": { language: "bash", comment: "#" },
  ".ps1": { language: "powershell", comment: "#" },
  ".q": { language: "q", comment: "/" },
  ".m": { language: "matlab", comment: "%" },
  ".wolfram": { language: "wolfram language", comment: "(*", commentSuffix: "*)" },
  ".pro": { language: "idl", comment: ";" },
  ".js": { language: "javascript", comment: "//" },
  ".ts": { language: "typescript", comment: "//" },
  ".scala": { language: "scala", comment: "//" },
  ".rs": { language: "rust", comment: "//" },
  ".robot": { language: "robotframework", comment: "#" },
  ".resource": { language: "robotframework", comment: "#" },
  ".cs": { language: "csharp", comment: "//" },
  ".fsx": { language: "fsharp", comment: "//" },
  ".fs": { language: "fsharp", comment: "//" },
  ".sos": { language: "sos", comment: "#" },
  ".java": { language: "java", comment: "//" },
  ".groovy": { language: "groovy", comment: "//" },
  ".sage": { language: "sage", comment: "#" },
  ".ml": { language: "ocaml", comment: "(*", commentSuffix: "*)" },
  ".hs": { language: "haskell", comment: "--" },
  ".tcl": { language: "tcl", comment: "#" },
  ".mac": { language: "maxima", comment: "/*", commentSuffix: "*/" },
  ".gp": { language: "gnuplot", comment: "#" },
  ".do": { language: "stata", comment: "//" },
  ".sas": { language: "sas", comment: "/*", commentSuffix: "*/" },
  ".xsh": { language: "xonsh", comment: "#" },
  ".lgt": { language: "logtalk", comment: "%" },
  ".logtalk": { language: "logtalk", comment: "%" },
  ".lua": { language: "lua", comment: "--" },
  ".go": { language: "go", comment: "//" },
};

/** The extension of a file name as jupytext keys it (".py", ".R"), if it is a script's. */
export function scriptExtensionOf(name: string): string | null {
  const dot = name.lastIndexOf(".");
  if (dot < 0) return null;
  const ext = name.slice(dot);
  return Object.hasOwn(SCRIPT_EXTENSIONS, ext) ? ext : null;
}

const isObject = (v: unknown): v is Readonly<Record<string, unknown>> => typeof v === "object" && v !== null && !Array.isArray(v);
/** `object[key]` of a JSON object, when it is a non-empty string. */
const text = (object: unknown, key: string): string | undefined => {
  const value = isObject(object) ? object[key] : undefined;
  return typeof value === "string" && value ? value : undefined;
};

/**
 * auto_ext_from_metadata: the extension a notebook's script takes (.py when nothing says), from
 * its metadata's language_info, kernelspec or jupytext. Light on purpose: the page shows it on the
 * Download menu, without the rest of the script writer (percent.ts).
 */
export function scriptExtension(metadata: Readonly<Record<string, unknown>>): string {
  let ext = text(metadata.language_info, "file_extension");
  if (ext === ".py" && text(metadata.kernelspec, "language") === "sage") ext = ".sage";
  if (ext === undefined || !Object.hasOwn(SCRIPT_EXTENSIONS, ext)) {
    ext = undefined;
    const language = text(metadata.kernelspec, "language") ?? text(metadata.jupytext, "main_language");
    if (language) ext = Object.keys(SCRIPT_EXTENSIONS).find((e) => sameLanguage(language, SCRIPT_EXTENSIONS[e]!.language));
  }
  const renamed: Record<string, string> = { ".r": ".R", ".fs": ".fsx", ".resource": ".robot" };
  return ext ? (renamed[ext] ?? ext) : ".py";
}

/** language -> comment (_COMMENT). */
export const COMMENT: Readonly<Record<string, string>> = Object.fromEntries(Object.values(SCRIPT_EXTENSIONS).map((s) => [s.language, s.comment]));

const SCRIPT_LANGUAGES = new Set(Object.values(SCRIPT_EXTENSIONS).map((s) => s.language));

/** Magics that are also languages (_JUPYTER_LANGUAGES): `%%html` makes an html cell. */
export const JUPYTER_LANGUAGES: ReadonlySet<string> = new Set([
  ...["R", "bash", "sh", "python", "python2", "python3", "coconut", "javascript", "js", "perl", "html", "latex", "markdown", "pypy", "ruby", "script", "svg"],
  ...["matlab", "octave", "idl", "robotframework", "sas", "spark", "sql", "cython", "haskell", "tcl", "gnuplot", "wolfram language"],
  ...SCRIPT_LANGUAGES,
  ...["c#", "f#", "cs", "fs"],
]);

export function isJupyterLanguage(language: string): boolean {
  const lower = language.toLowerCase();
  for (const l of JUPYTER_LANGUAGES) if (l.toLowerCase() === lower) return true;
  return false;
}

/** usual_language_name: "r" -> "R", "C#" -> "csharp", "octave" -> "matlab". */
export function usualLanguageName(language: string): string {
  const lower = language.toLowerCase();
  if (lower === "r") return "R";
  if (lower.startsWith("c++")) return "c++";
  if (lower === "octave") return "matlab";
  if (lower === "cs" || lower === "c#") return "csharp";
  if (lower === "fs" || lower === "f#") return "fsharp";
  if (lower === "sas") return "SAS";
  return lower;
}

/** default_language_from_metadata_and_ext's normalisation of a kernel's language. */
export function normalizedLanguage(language: string): string {
  if (language === "R" || language === "sas") return language;
  if (language.startsWith("C++")) return "c++";
  return language.toLowerCase().replace(/#/g, "sharp");
}

export function sameLanguage(kernelLanguage: string, language: string): boolean {
  return usualLanguageName(kernelLanguage) === usualLanguageName(language);
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");

const MAGIC_RE = new Map<string, RegExp>();
const MAGIC_FORCE_ESC_RE = new Map<string, RegExp>();
const MAGIC_NOT_ESC_RE = new Map<string, RegExp>();
for (const { language, comment } of Object.values(SCRIPT_EXTENSIONS)) {
  const c = escapeRe(comment);
  MAGIC_RE.set(language, new RegExp(`^\\s*(${c} |${c})*(%|%%|%%%)[a-zA-Z]`));
  MAGIC_FORCE_ESC_RE.set(language, new RegExp(`^\\s*(${c} |${c})*(%|%%|%%%)[a-zA-Z](.*)${c}\\s*escape`));
  MAGIC_NOT_ESC_RE.set(language, new RegExp(`^\\s*(${c} |${c})*(%|%%|%%%)[a-zA-Z](.*)${c}\\s*noescape`));
}
MAGIC_RE.set("rust", /^(\/\/ |\/\/)*:[a-zA-Z]/);
// jupytext assigns the "noescape" pattern to _MAGIC_FORCE_ESC_RE for Rust and C# (twice); kept as is.
MAGIC_FORCE_ESC_RE.set("rust", /^(\/\/ |\/\/)*:[a-zA-Z](.*)\/\/\s*noescape/);
MAGIC_RE.set("csharp", /^(\/\/ |\/\/)*#![a-zA-Z]/);
MAGIC_FORCE_ESC_RE.set("csharp", /^(\/\/ |\/\/)*#![a-zA-Z](.*)\/\/\s*noescape/);
MAGIC_RE.set("go", /^(\/\/ |\/\/)*(!|!\*|%|%%|%%%)[a-zA-Z]/);

const PYTHON_HELP_OR_BASH_CMD = /^\s*(# |#)*\s*(\?|!)\s*[A-Za-z.~$\\/{}]/;
const PYTHON_MAGIC_CMD = new RegExp(
  `^(# |#)*(${["cat", "cd", "cp", "mv", "rm", "rmdir", "mkdir", "copy", "ddir", "echo", "ls", "ldir", "mkdir", "ren", "rmdir"].join("|")})($|\\s$|\\s[^=,])`,
);
const IPYTHON_MAGIC_HELP = /^\s*(# )*[^\s]*\?\s*$/;
const PYTHON_MAGIC_ASSIGN = /^(# |#)*\s*([a-zA-Z_][a-zA-Z_$0-9]*)\s*=\s*(%|%%|%%%|!)[a-zA-Z](.*)/;
const LINE_CONTINUATION_RE = /.*\\\s*$/;

/** is_magic: is this line a (possibly already commented) Jupyter magic that a script comments out? */
export function isMagic(line: string, languageName: string, globalEscapeFlag = true, explicitlyCode = false): boolean {
  const language = usualLanguageName(languageName);
  if (["octave", "matlab", "sas", "logtalk"].includes(language) || !SCRIPT_LANGUAGES.has(language)) return false;
  if (MAGIC_FORCE_ESC_RE.get(language)!.test(line)) return true;
  if (!globalEscapeFlag || MAGIC_NOT_ESC_RE.get(language)?.test(line)) return false;
  if (MAGIC_RE.get(language)!.test(line)) return true;
  if (language !== "python") return false;
  if (PYTHON_HELP_OR_BASH_CMD.test(line)) return true;
  if (PYTHON_MAGIC_ASSIGN.test(line)) return true;
  if (explicitlyCode && IPYTHON_MAGIC_HELP.test(line)) return true;
  return PYTHON_MAGIC_CMD.test(line);
}

/**
 * jupytext's StringParser: reading line by line, whether the next line starts inside a string
 * (Python's triple quotes; single quotes end with their line). Commented lines are not scanned.
 */
export class StringParser {
  private single: string | null = null;
  private triple: string | null = null;
  private tripleStart = -1;
  private readonly ignore: boolean;
  private readonly python: boolean;
  private readonly comment: string | undefined;

  constructor(language: string | null) {
    this.ignore = language === null;
    this.python = language !== "R";
    this.comment = language === null ? undefined : COMMENT[language];
  }

  isQuoted(): boolean {
    return !this.ignore && (this.single !== null || this.triple !== null);
  }

  readLine(line: string): void {
    if (this.ignore) return;
    if (!this.isQuoted() && this.comment !== undefined && line.trimStart().startsWith(this.comment)) return;
    this.tripleStart = -1;
    for (let i = 0; i < line.length; i++) {
      const char = line[i]!;
      if (this.single === null && this.triple === null && this.comment && this.comment.startsWith(char) && line.startsWith(this.comment, i)) break;
      if (char !== '"' && char !== "'") continue;
      if (i > 0 && line[i - 1] === "\\") continue;
      if (this.single === char) {
        this.single = null;
        continue;
      }
      if (this.single !== null) continue;
      if (!this.python) continue;
      if (i >= 2 && line.slice(i - 2, i + 1) === char.repeat(3) && i >= this.tripleStart + 3) {
        if (this.triple === char) {
          this.triple = null;
          this.tripleStart = i;
          continue;
        }
        if (this.triple !== null) continue;
        this.triple = char;
        this.tripleStart = i;
        continue;
      }
      if (this.triple !== null) continue;
      this.single = char;
    }
    if (this.python) this.single = null;
  }
}

/** Python's str.lstrip() whitespace. */
function lstrip(line: string): string {
  return line.replace(/^\s+/, "");
}

/** comment_magic: comments out the magics of `source` (in place, and returns it). */
export function commentMagic(source: string[], language: string, globalEscapeFlag = true, explicitlyCode = true): string[] {
  const parser = new StringParser(language);
  let nextIsMagic = false;
  source.forEach((line, pos) => {
    if (!parser.isQuoted() && (nextIsMagic || isMagic(line, language, globalEscapeFlag, explicitlyCode))) {
      const unindented = nextIsMagic ? line : lstrip(line);
      const indent = line.slice(0, line.length - unindented.length);
      source[pos] = `${indent}${COMMENT[language] ?? "#"} ${unindented}`;
      nextIsMagic = language === "python" && LINE_CONTINUATION_RE.test(line);
    }
    parser.readLine(line);
  });
  return source;
}

/** unesc: removes one comment (and its space) from a line. */
function unesc(line: string, language: string): string {
  const comment = COMMENT[language] ?? "#";
  const unindented = lstrip(line);
  const indent = line.slice(0, line.length - unindented.length);
  if (unindented.startsWith(`${comment} `)) return indent + unindented.slice(comment.length + 1);
  if (unindented.startsWith(comment)) return indent + unindented.slice(comment.length);
  return line;
}

/** uncomment_magic: the inverse of commentMagic (in place, and returns it). */
export function uncommentMagic(source: string[], language: string, globalEscapeFlag = true, explicitlyCode = true): string[] {
  const parser = new StringParser(language);
  let nextIsMagic = false;
  source.forEach((line, pos) => {
    if (!parser.isQuoted() && (nextIsMagic || isMagic(line, language, globalEscapeFlag, explicitlyCode))) {
      source[pos] = unesc(line, language);
      nextIsMagic = language === "python" && LINE_CONTINUATION_RE.test(line);
    }
    parser.readLine(line);
  });
  return source;
}

/** comment_lines */
export function commentLines(lines: readonly string[], prefix: string, suffix = ""): string[] {
  if (!prefix) return [...lines];
  if (!suffix) return lines.map((line) => (line ? `${prefix} ${line}` : prefix));
  return lines.map((line) => (line ? `${prefix} ${line} ${suffix}` : `${prefix} ${suffix}`));
}

/** cell_reader.uncomment */
export function uncommentLines(lines: readonly string[], prefix: string, suffix = ""): string[] {
  let out = [...lines];
  if (prefix) out = out.map((l) => (l.startsWith(`${prefix} `) ? l.slice(prefix.length + 1) : l.startsWith(prefix) ? l.slice(prefix.length) : l));
  if (suffix) out = out.map((l) => (l.endsWith(` ${suffix}`) ? l.slice(0, -(suffix.length + 1)) : l.endsWith(suffix) ? l.slice(0, -suffix.length) : l));
  return out;
}
