/** Writing a notebook as a percent-format script (percent.ts): jupytext's DoublePercentCellExporter and writes(). */
import type { JsonObject } from "../../util/json";
import { dumpYaml } from "./header-yaml";
import { filterCellMetadata, isActive, metadataToText, pep8LinesBetweenCells } from "./percent-cells";
import { commentLines, commentMagic, sameLanguage, SCRIPT_EXTENSIONS, scriptExtension } from "./script-languages";
import { cellLanguage, cellSource, defaultLanguage, JUPYTEXT_VERSION, obj, PERCENT_FORMAT_VERSION, pyLines, str } from "./percent-common";

interface ExportCell {
  cell_type: string;
  source: string;
  metadata: JsonObject;
}

/** DoublePercentCellExporter: a cell's lines. */
function cellLines(cell: ExportCell, defaultLang: string, ext: string): string[] {
  const { comment, commentSuffix = "" } = SCRIPT_EXTENSIONS[ext]!;
  let source = cellSource(cell.source);
  const metadata = filterCellMetadata(cell.metadata);
  const goCommand = defaultLang === "go" && source.length > 0 && /^(%%\s*|%%\s+-.*)$/.test(source[0]!);
  const { language: magicLanguage, magicArgs } = goCommand ? { language: null, magicArgs: null } : cellLanguage(source, defaultLang);
  if (magicArgs) metadata.magic_args = magicArgs;
  if (magicLanguage) metadata.language = magicLanguage;
  const language = magicLanguage ?? str(cell.metadata.language) ?? defaultLang;
  // Go notebooks (gonb) run `%%` lines as commands: written `//gonb:%%` so they do not start a cell.
  if (defaultLang === "go" && language === "go") source = source.map((l) => l.replace(/^(\/\/\s*)*(%%\s*$|%%\s+-.*$)/, "$1//gonb:$2"));
  const tags = Array.isArray(metadata.tags) ? metadata.tags : [];
  const activeTag = tags.some((t) => typeof t === "string" && t.startsWith("active-"));
  if (cell.cell_type === "raw" && !("active" in metadata) && !activeTag) metadata.active = "";
  const active = isActive(ext, metadata, sameLanguage(language, defaultLang));
  if (cell.cell_type === "raw" && metadata.active === "") delete metadata.active;
  const isCode = cell.cell_type === "code" || (cell.cell_type === "raw" && "active" in metadata) || activeTag;
  if (!isCode) metadata.cell_type = cell.cell_type;

  // metadata_to_double_percent_options
  const text: string[] = [];
  if ("title" in metadata) {
    text.push(String(metadata.title));
    delete metadata.title;
  }
  if ("cell_depth" in metadata) {
    text.unshift("%".repeat(Number(metadata.cell_depth)));
    delete metadata.cell_depth;
  }
  if ("cell_type" in metadata) {
    text.push(`[${String(metadata.region_name ?? metadata.cell_type)}]`);
    delete metadata.region_name;
    delete metadata.cell_type;
  }
  const options = metadataToText(text.join(" "), metadata);
  let indent = "";
  if (isCode && active && source.length && source[0]!.trim()) indent = /^(\s*)/.exec(source[0]!)![1]!;
  const marker = commentLines([options.startsWith("%") || !options ? `%%${options}` : `%% ${options}`], indent + comment, commentSuffix);
  if (isCode && active) {
    source = commentMagic([...source], language);
    if (source.length === 1 && source[0] === "") return marker;
    return [...marker, ...source];
  }
  return [...marker, ...markdownToText(source, cell.metadata.cell_marker, comment, commentSuffix)];
}

/** markdown_to_text: commented out, or between the triple quotes a `cell_marker` asks for. */
function markdownToText(source: string[], cellMarker: unknown, comment: string, suffix: string): string[] {
  if (typeof cellMarker === "string" && cellMarker) {
    let left: string;
    let right: string;
    if (cellMarker.includes(",")) {
      const at = cellMarker.indexOf(",");
      left = cellMarker.slice(0, at);
      right = cellMarker.slice(at + 1);
    } else {
      left = `${cellMarker}\n`;
      right = `\n${/^[rR]/.test(cellMarker) ? cellMarker.slice(1) : cellMarker}`;
    }
    const quote = right.slice(-3);
    if ((left.slice(0, 3) === quote || (/^[rR]/.test(left) && left.slice(1, 4) === quote)) && (quote === '"""' || quote === "'''")) {
      if (!/^[rR]/.test(left) && source.join("\n").includes("\\")) left = `r${left}`;
      const out = [...source];
      out[0] = left + out[0]!;
      out[out.length - 1] = out[out.length - 1]! + right;
      return out;
    }
  }
  return commentLines(source, comment, suffix);
}

const DEFAULT_NOTEBOOK_METADATA = ["jupytext", "kernelspec", "kernel_info", "orphan", "tocdepth"];

/**
 * The percent-format script of a notebook and its file extension. `jupytextVersion: null` leaves
 * out text_representation, as jupytext's own tests write their expected files.
 */
export function percentFromNotebook(nb: { metadata: JsonObject; cells: readonly ExportCell[] }, options: { jupytextVersion?: string | null } = {}): { text: string; extension: string } {
  const metadata = structuredClone(nb.metadata);
  const ext = scriptExtension(metadata);
  const { comment, commentSuffix = "" } = SCRIPT_EXTENSIONS[ext]!;
  if (metadata.jupytext !== undefined) metadata.jupytext = { ...obj(metadata.jupytext) };
  const defaultLang = defaultLanguage(metadata, ext, true) ?? "python";
  let cells = nb.cells;

  // encoding_and_executable
  const header: string[] = [];
  const jupytext = obj(metadata.jupytext);
  if (typeof jupytext.executable === "string") header.push(`#!${jupytext.executable}`);
  delete jupytext.executable;
  if (typeof jupytext.encoding === "string") header.push(jupytext.encoding);
  else if (defaultLanguage(metadata, ext) !== "python" && cells.some((c) => /[^\x00-\x7f]/.test(c.source))) header.push(`${comment} -*- coding: utf-8 -*-`);
  delete jupytext.encoding;

  // metadata_and_cell_to_header
  let yaml: string[] = [];
  let headerLinesToNext: number | null = null;
  const first = cells[0];
  if (first?.cell_type === "raw") {
    const lines = pyLines(first.source.replace(/^[\n\t ]+|[\n\t ]+$/g, ""));
    if (lines.length >= 2 && /^---\s*$/.test(lines[0]!) && /^---\s*$/.test(lines[lines.length - 1]!)) {
      yaml = lines.slice(1, -1);
      const n = first.metadata.lines_to_next_cell;
      headerLinesToNext = typeof n === "number" ? n : null;
      cells = cells.slice(1);
    }
  }
  // update_jupytext_formats_metadata: a pairing "ipynb,py:light" now names this format.
  if (typeof jupytext.formats === "string") {
    const items = jupytext.formats.split(",");
    const at = items.findIndex((item) => {
      const path = item.split(":")[0]!;
      const tail = path.slice(path.lastIndexOf("/") + 1);
      return (tail.includes(".") ? tail.slice(tail.lastIndexOf(".")) : `.${tail}`) === ext;
    });
    if (at >= 0) items[at] = `${items[at]!.split(":")[0]!}:percent`;
    jupytext.formats = items.join(",");
  }
  if (options.jupytextVersion !== null) {
    jupytext.text_representation = { extension: ext, format_name: "percent", format_version: PERCENT_FORMAT_VERSION, jupytext_version: options.jupytextVersion ?? JUPYTEXT_VERSION };
  }
  if (Object.keys(jupytext).length) metadata.jupytext = jupytext;
  else delete metadata.jupytext;
  const kept = Object.fromEntries(Object.entries(metadata).filter(([k]) => DEFAULT_NOTEBOOK_METADATA.includes(k)));
  if (Object.keys(kept).length) yaml.push(...dumpYaml({ jupyter: kept }));
  const headerContent = yaml.length ? commentLines(["---", ...yaml, "---"], comment, commentSuffix) : [];
  header.push(...headerContent);

  let lines: string[] = [];
  for (let i = cells.length - 1; i >= 0; i--) {
    const cell = cells[i]!;
    const text = cellLines(cell, defaultLang, ext);
    const explicit = cell.metadata.lines_to_next_cell;
    const blank = typeof explicit === "number" ? explicit : pep8LinesBetweenCells(text, lines, ext);
    lines = [...text, ...Array<string>(blank).fill(""), ...lines];
  }
  const blank = headerLinesToNext ?? pep8LinesBetweenCells(headerContent, lines, ext);
  const text = [...header, ...Array<string>(blank).fill(""), ...lines].join("\n");
  // jupytext's write() ends the file with a newline when the text does not.
  return { text: text.endsWith("\n") ? text : `${text}\n`, extension: ext };
}
