/** Reading a percent-format script into a notebook (percent.ts): jupytext's DoublePercentScriptCellReader and reads(). */
import type { JsonObject } from "../../util/json";
import { loadYaml } from "./header-yaml";
import { isActive, pep8LinesBetweenCells, textToMetadata } from "./percent-cells";
import { JUPYTER_LANGUAGES, SCRIPT_EXTENSIONS, StringParser, uncommentLines, uncommentMagic, usualLanguageName } from "./script-languages";
import { defaultLanguage, obj, pyLines, type ScriptCell, type ScriptNotebook } from "./percent-common";

function countLinesToNextCell(end: number, next: number, total: number): number {
  if (end >= total) return 1;
  return next - end + (next >= total ? 1 : 0);
}

function lastTwoLinesBlank(source: readonly string[]): boolean {
  if (source.length < 3) return false;
  return !!source[source.length - 3]!.trim() && !source[source.length - 2]!.trim() && !source[source.length - 1]!.trim();
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");

/** DoublePercentScriptCellReader.read: one cell from the top of `lines`, and where the next starts. */
function readCell(lines: readonly string[], ext: string, defaultLang: string): { cell: ScriptCell; next: number } {
  const script = SCRIPT_EXTENSIONS[ext]!;
  let comment = script.comment;
  const suffix = script.commentSuffix ?? "";
  const c = escapeRe(comment);
  const startCode = new RegExp(`^\\s*${c}\\s*%%(%*)\\s(.*)$`);
  const alternativeStart = new RegExp(`^\\s*${c}\\s*(%%|<codecell>|In\\[[0-9 ]*\\]:?)\\s*$`);

  let metadata: JsonObject = {};
  let language: string | null = null;
  if (startCode.test(lines[0]!)) {
    const line = uncommentLines([lines[0]!], comment, suffix)[0]!;
    const parsed = textToMetadata(line.slice(line.indexOf("%%") + 2));
    let title = parsed.title;
    metadata = parsed.metadata;
    for (const type of ["markdown", "raw", "md"]) {
      if (title.includes(`[${type}]`)) {
        title = title.replace(`[${type}]`, "").trim();
        metadata.cell_type = type === "md" ? "markdown" : type;
        if (type === "md") metadata.region_name = "md";
        break;
      }
    }
    let depth = 0;
    while (title.startsWith("%")) {
      depth++;
      title = title.slice(1);
    }
    if (depth) {
      metadata.cell_depth = depth;
      title = title.trim();
    }
    if (title) metadata.title = title;
  }
  if ("language" in metadata) {
    language = String(metadata.language);
    delete metadata.language;
  }

  // find_cell_end
  let cellType: ScriptCell["cell_type"];
  if (typeof metadata.cell_type === "string") {
    cellType = metadata.cell_type === "markdown" ? "markdown" : metadata.cell_type === "raw" ? "raw" : "code";
    delete metadata.cell_type;
  } else if (!isActive(".ipynb", metadata)) {
    if (metadata.active === "") delete metadata.active;
    cellType = "raw";
    if (isActive(ext, metadata)) comment = "";
  } else cellType = "code";
  let nextCell = lines.length;
  const parser = new StringParser(language ?? defaultLang);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (parser.isQuoted()) {
      parser.readLine(line);
      continue;
    }
    parser.readLine(line);
    if (i > 0 && (startCode.test(line) || alternativeStart.test(line))) {
      nextCell = i;
      break;
    }
  }
  let end = nextCell;
  if (lastTwoLinesBlank(lines.slice(0, nextCell))) end = nextCell - 2;
  else if (nextCell > 0 && !lines[nextCell - 1]!.trim()) end = nextCell - 1;

  // find_cell_content
  const start = startCode.test(lines[0]!) || alternativeStart.test(lines[0]!) ? 1 : 0;
  const source = lines.slice(start, end);
  const content = extractContent([...source], { ext, metadata, cellType, language, defaultLang, comment, suffix });
  const linesToNext = countLinesToNextCell(end, nextCell, lines.length);

  const expected = ext === ".py" ? pep8LinesBetweenCells(source.length ? source : [""], lines.slice(nextCell), ext) : 1;
  if (linesToNext !== expected) metadata.lines_to_next_cell = linesToNext;
  if (language) metadata.language = language;
  return { cell: { cell_type: cellType, source: content.join("\n"), metadata }, next: nextCell };
}

interface ContentContext {
  ext: string;
  metadata: JsonObject;
  cellType: ScriptCell["cell_type"];
  language: string | null;
  defaultLang: string;
  comment: string;
  suffix: string;
}

/** extract_content and uncomment_code_and_magics */
function extractContent(lines: string[], ctx: ContentContext): string[] {
  const { ext, metadata, cellType, language, defaultLang, comment, suffix } = ctx;
  if (ext === ".py" && !isActive(ext, metadata, cellType === "code")) {
    let content = lines.join("\n").trim();
    for (const prefix of ["", "r", "R"]) {
      for (const quote of ['"""', "'''"]) {
        let left = prefix + quote;
        let right = quote;
        if (content.startsWith(left) && content.endsWith(right) && content.length >= left.length + right.length) {
          content = content.slice(left.length, content.length - right.length);
          if (content.startsWith("\n")) {
            content = content.slice(1);
            left += "\n";
          }
          if (content.endsWith("\n")) {
            content = content.slice(0, -1);
            right = `\n${right}`;
          }
          if (!prefix) {
            if (left.length === 4 && right.length === 4) metadata.cell_marker = left.slice(0, 3);
          } else if (left.length - 1 === 4 && right.length === 4) metadata.cell_marker = left.slice(0, 4);
          else metadata.cell_marker = `${left},${right}`;
          return pyLines(content);
        }
      }
    }
  }
  if (!isActive(ext, metadata) || (!("active" in metadata) && language && language !== defaultLang)) {
    return uncommentLines(lines, ext === ".r" || ext === ".R" ? "#" : comment);
  }
  const lang = language ?? defaultLang;
  if (isActive(ext, metadata)) uncommentMagic(lines, lang);
  else lines = uncommentLines(lines, "#");
  if (defaultLang === "go" && language === null) lines = lines.map((l) => l.replace(/^((\/\/\s*)*)(\/\/\s*gonb:%%)/, "$1%%"));
  if (cellType === "code") return unescapeCodeStart(lines, ext, lang);
  return uncommentLines(lines, comment, suffix);
}

/** unescape_code_start: `# # +` (a commented light-format marker) back to `# +`. */
function unescapeCodeStart(lines: string[], ext: string, language: string): string[] {
  const c = escapeRe(SCRIPT_EXTENSIONS[ext]!.comment);
  const escaped = new RegExp(`^(${c} |${c})*(${c}|${c} )\\+`);
  const parser = new StringParser(language);
  return lines.map((line) => {
    let out = line;
    if (!parser.isQuoted() && escaped.test(line)) {
      const unindented = line.replace(/^\s+/, "");
      const indent = line.slice(0, line.length - unindented.length);
      const com = SCRIPT_EXTENSIONS[ext]!.comment;
      const once = unindented.startsWith(`${com} `) ? indent + unindented.slice(com.length + 1) : unindented.startsWith(com) ? indent + unindented.slice(com.length) : line;
      if (escaped.test(once)) out = once;
    }
    parser.readLine(line);
    return out;
  });
}

export type PercentReadResult = { ok: true; value: ScriptNotebook } | { ok: false; message: string };

/** header_to_metadata_and_cell: the YAML header's `jupyter` section, other header keys as a raw cell. */
function readHeader(lines: readonly string[], ext: string): { metadata: JsonObject; jupyter: boolean; cell: ScriptCell | null; next: number } {
  const { comment, commentSuffix = "" } = SCRIPT_EXTENSIONS[ext]!;
  const header: string[] = [];
  const jupyter: string[] = [];
  let inJupyter = false;
  let start = 0;
  let started = false;
  let ended = false;
  let metadata: JsonObject = {};
  let i = -1;
  const encodingRe = new RegExp(`^[ \\t\\f]*${escapeRe(comment)}.*?coding[:=][ \\t]*([-_.a-zA-Z0-9]+)`);
  for (i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (i === 0 && line.startsWith("#!")) {
      metadata.jupytext = { ...obj(metadata.jupytext), executable: line.slice(2) };
      start = i + 1;
      continue;
    }
    if (i === 0 || (i === 1 && !encodingRe.test(lines[0]!))) {
      const enc = encodingRe.exec(line);
      if (enc) {
        if (enc[1] !== "utf-8") throw new Error("encodings other than utf-8 are not supported");
        metadata.jupytext = { ...obj(metadata.jupytext), encoding: line };
        start = i + 1;
        continue;
      }
    }
    if (!line.startsWith(comment)) break;
    line = uncommentLines([line], comment, commentSuffix)[0]!;
    if (/^---\s*$/.test(line)) {
      if (!started) {
        started = true;
        continue;
      }
      ended = true;
      break;
    }
    if (!started && line.trim()) break;
    if (/^jupyter\s*:\s*$/.test(line)) inJupyter = true;
    else if (line && !/^\s/.test(line)) inJupyter = false;
    (inJupyter ? jupyter : header).push(line);
  }
  if (!ended) return { metadata, jupyter: false, cell: null, next: start };
  if (jupyter.length) {
    const extra = metadata;
    metadata = obj(obj(loadYaml(jupyter.join("\n"))).jupyter);
    if (extra.jupytext) metadata.jupytext = { ...obj(metadata.jupytext), ...obj(extra.jupytext) };
  }
  let linesToNext = 1;
  if (lines.length > i + 1) {
    const line = uncommentLines([lines[i + 1]!], comment)[0]!;
    if (line.trim()) linesToNext = 0;
    else i++;
  } else linesToNext = 0;
  let cell: ScriptCell | null = null;
  if (header.length) {
    const expected = pep8LinesBetweenCells(["---"], lines.slice(i + 1), ext);
    cell = { cell_type: "raw", source: ["---", ...header, "---"].join("\n"), metadata: linesToNext === expected ? {} : { lines_to_next_cell: linesToNext } };
  }
  return { metadata, jupyter: jupyter.length > 0, cell, next: i + 1 };
}

/** A percent-format script (`ext`: ".py", ".R"...) as the notebook jupytext reads from it. */
export function notebookFromPercent(text: string, ext: string): PercentReadResult {
  if (!SCRIPT_EXTENSIONS[ext]) return { ok: false, message: `(file): ${ext} is not a script extension jupytext knows` };
  let lines = pyLines(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  let head: ReturnType<typeof readHeader>;
  try {
    head = readHeader(lines, ext);
  } catch (error) {
    return { ok: false, message: `(header): the YAML header cannot be read: ${(error as Error).message}` };
  }
  const { metadata } = head;
  const cells: ScriptCell[] = head.cell ? [head.cell] : [];
  const defaultLang = defaultLanguage(metadata, ext) ?? "python";
  lines = lines.slice(head.next);
  while (lines.length) {
    const { cell, next } = readCell(lines, ext, defaultLang);
    cells.push(cell);
    if (next <= 0) return { ok: false, message: `(file): cannot read the cell at "${lines[0]}"` };
    lines = lines.slice(next);
  }
  setMainAndCellLanguage(metadata, cells, ext);
  // drop_text_representation_metadata: a notebook does not keep the format of the file it came from.
  const jupytext = obj(metadata.jupytext);
  delete jupytext.text_representation;
  if (metadata.jupytext !== undefined && Object.keys(jupytext).length === 0) delete metadata.jupytext;
  return { ok: true, value: { metadata, cells } };
}

/** set_main_and_cell_language: cells of another language get their `%%lang` magic back. */
function setMainAndCellLanguage(metadata: JsonObject, cells: ScriptCell[], ext: string): void {
  let main = defaultLanguage(metadata, ext);
  if (main === null) {
    const counts = new Map<string, number>([["python", 0.5]]);
    for (const cell of cells) if (typeof cell.metadata.language === "string") {
      const l = usualLanguageName(cell.metadata.language);
      counts.set(l, (counts.get(l) ?? 0) + 1);
    }
    main = [...counts].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  }
  if (!("language" in obj(metadata.kernelspec)) && cells.length) metadata.jupytext = { ...obj(metadata.jupytext), main_language: main };
  for (const cell of cells) {
    if (typeof cell.metadata.language !== "string") continue;
    const language = cell.metadata.language;
    if (language === main) {
      delete cell.metadata.language;
      continue;
    }
    if (usualLanguageName(language) === main) continue;
    if (JUPYTER_LANGUAGES.has(language)) {
      delete cell.metadata.language;
      const magic = main !== "csharp" ? "%%" : "#!";
      const args = cell.metadata.magic_args;
      delete cell.metadata.magic_args;
      cell.source = `${magic}${language}${args !== undefined ? ` ${String(args)}` : ""}\n${cell.source}`;
    }
  }
}
