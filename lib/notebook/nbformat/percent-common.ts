/**
 * What both directions of the percent format share (percent.ts): the version constants, the cell
 * and notebook shapes, and jupytext's helpers for lines and languages.
 */
import type { JsonObject } from "../../util/json";
import { JUPYTER_LANGUAGES, normalizedLanguage, SCRIPT_EXTENSIONS } from "./script-languages";
import { splitLines } from "./lines";

/** The jupytext version written in text_representation: the release this port follows. */
export const JUPYTEXT_VERSION = "1.19.5";
export const PERCENT_FORMAT_VERSION = "1.3";

export interface ScriptCell {
  cell_type: "code" | "markdown" | "raw";
  source: string;
  metadata: JsonObject;
}

export interface ScriptNotebook {
  metadata: JsonObject;
  cells: ScriptCell[];
}

export const obj = (v: unknown): JsonObject => (v && typeof v === "object" && !Array.isArray(v) ? (v as JsonObject) : {});
export const str = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);

/** Python's str.splitlines() */
export function pyLines(text: string): string[] {
  return splitLines(text).map((l) => l.replace(/(\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029])$/, ""));
}

/** cell_source: "a\n" -> ["a", ""] */
export function cellSource(source: string): string[] {
  if (source === "") return [""];
  return source.endsWith("\n") ? [...pyLines(source), ""] : pyLines(source);
}

/** default_language_from_metadata_and_ext */
export function defaultLanguage(metadata: JsonObject, ext: string, popMainLanguage = false): string | null {
  const fromExt = SCRIPT_EXTENSIONS[ext]?.language ?? null;
  const jupytext = obj(metadata.jupytext);
  const main = str(jupytext.main_language);
  const fallback = str(obj(metadata.kernelspec).language) ?? fromExt;
  const language = main ?? fallback;
  if (main !== undefined && main === fallback && popMainLanguage) delete jupytext.main_language;
  if (language === null || language === undefined) return null;
  return normalizedLanguage(language);
}

/** cell_language: a first line `%%html` (or `#!html` in C#) makes the cell an html cell. */
export function cellLanguage(source: string[], defaultLang: string): { language: string | null; magicArgs: string | null } {
  const line = source[0];
  if (line === undefined) return { language: null, magicArgs: null };
  if (defaultLang === "csharp") {
    if (line.startsWith("#!")) {
      const lang = line.slice(2).trim();
      if (JUPYTER_LANGUAGES.has(lang)) {
        source.shift();
        return { language: lang, magicArgs: "" };
      }
    }
  } else if (line.startsWith("%%")) {
    const magic = line.slice(2);
    const space = magic.indexOf(" ");
    const lang = space < 0 ? magic : magic.slice(0, space);
    if (JUPYTER_LANGUAGES.has(lang)) {
      source.shift();
      return { language: lang, magicArgs: space < 0 ? "" : magic.slice(space + 1) };
    }
  }
  return { language: null, magicArgs: null };
}
