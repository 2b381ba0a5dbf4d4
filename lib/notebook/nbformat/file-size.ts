/**
 * A notebook's size, the one measure behind every limit on it: the UTF-8 bytes of its .ipynb as
 * Tandem writes it (writer.ts, what a download gives). An import is refused when the file it makes
 * would be over the limit, and a run stops keeping outputs before the notebook grows past it
 * (lib/kernel/runner.ts), so what Tandem exports, Tandem imports again. Counting the uploaded file
 * instead would not do: converting it (nbformat 3 upgraded, ids added) can make it larger, and so
 * can outputs written in the app.
 *
 * Measuring writes the whole file (about 15 ms per 3 MB), so a run measures once when its first
 * output comes and then adds `outputFileBytes` for each output it keeps: an upper bound of what
 * that output adds.
 */
import type * as Y from "yjs";
import { binarySize, utf8Length } from "../../util/bytes";
import type { JsonObject, JsonValue } from "../../util/json";
import { ipynbFromDocument, type IpynbNotebook } from "./convert";
import { outputToFile } from "./outputs";
import { ipynbText, jupyterJson } from "./writer";

/** The notebook's size: the UTF-8 bytes of its .ipynb file as Tandem writes it. */
export function notebookFileBytes(nb: IpynbNotebook): number {
  return utf8Length(ipynbText(nb));
}

/** The size of the notebook in `doc` (notebookFileBytes of its export). */
export function documentFileBytes(doc: Y.Doc): number {
  return notebookFileBytes(ipynbFromDocument(doc));
}

/** An output's nesting in the file: notebook > "cells" > cell > "outputs" > output. */
const OUTPUT_INDENT = 4;
/** Around an output in its list: ",\n" and its indent, and "\n" and the list's closing indent once. */
const OUTPUT_FRAME = 2 + OUTPUT_INDENT + 1 + (OUTPUT_INDENT - 1);

/**
 * At most what appending `output` (document form) to a cell's outputs adds to the file: its text
 * as the writer lays it out, indented where an output sits. An upper bound, not the exact growth:
 * stream chunks that the run's end merges into one output (run-commands.ts) take less together.
 */
export function outputFileBytes(output: JsonObject): number {
  const text = jupyterJson(outputToFile(output) as JsonValue);
  let lines = 0;
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) lines++;
  return utf8Length(text) + lines * OUTPUT_INDENT + OUTPUT_FRAME;
}

/**
 * How far short of the limit a run's outputs stop (1/128 of it: 80 KiB of 10 MiB, 512 bytes of 64
 * KiB). What else a run writes cannot be refused: its record when it starts (who ran it, and a copy
 * of the source it ran) and its end (status, time, input() answers). This room takes those of
 * hundreds of runs after the outputs have filled the rest.
 */
export function outputHeadroom(limit: number): number {
  return Math.floor(limit / 128);
}

/** Why a notebook of `bytes` is refused under a limit of `limit` bytes, in MiB, with what to do. */
export function tooLargeText(bytes: number, limit: number): string {
  return `This notebook would be ${binarySize(bytes, "up")} as a .ipynb file; a notebook may be at most ${binarySize(limit)}. Clear large outputs (images, long printouts) and try again.`;
}

/** The stderr note a run writes instead of outputs that would take the notebook past `limit`. */
export function outputNotKeptText(limit: number): string {
  return `\n[Output not kept: this notebook would be over its ${binarySize(limit)} limit. Clear some outputs.]\n`;
}
