/**
 * Importing a .ipynb file, or a script in jupytext's percent format (.py, .R, .jl...: by the file
 * name's extension; lib/notebook/nbformat/percent.ts), as a new notebook: whatever Jupyter reads (nbformat 4, and 2 and 3
 * converted; what nbformat only warns about is repaired and listed, lib/notebook/nbformat/repair.ts),
 * else the answer says what is wrong by JSON path and nothing is made. Its title comes from the file's name, else its metadata.
 *
 * The size limit (TANDEM_MAX_NOTEBOOK_BYTES) counts the notebook as Tandem will write its .ipynb
 * (lib/notebook/nbformat/file-size.ts), not the file uploaded: converting a file (nbformat 3
 * upgraded, ids added) can make it larger, and a notebook imported over the limit would export a
 * file its own import refuses. The route only caps the upload's transport (http/body-limit.ts).
 */
import type { Db } from "../db/client";
import { settings } from "../env";
import { binarySize } from "../../util/bytes";
import { tooLargeText } from "../../notebook/nbformat/file-size";
import { fail, ok, type Result } from "../../util/result";
import type { AccessViewer } from "./access";
import { runWork } from "../work/run";
import { createNotebook } from "./create";
import { scriptExtensionOf } from "../../notebook/nbformat/script-languages";

/** The notebook size limit in words, in the binary units it counts: "10 MiB". */
export function importLimitText(bytes = settings().limits.notebookBytes): string {
  return binarySize(bytes);
}

/** "Lesson 1.ipynb" -> "Lesson 1". */
function titleFrom(name: string | null, metadataTitle: unknown): string {
  const fromName = name?.replace(/\.ipynb$/i, "").replace(/\.[A-Za-z0-9]+$/, (ext) => (scriptExtensionOf(ext) ? "" : ext)).trim();
  if (fromName) return fromName.slice(0, 200);
  if (typeof metadataTitle === "string" && metadataTitle.trim()) return metadataTitle.trim().slice(0, 200);
  return "Imported notebook";
}

/**
 * A new notebook from the file's `text` (named `name`), owned by the viewer (a guest's by nobody),
 * with what reading the file changed (`notes`: nbformat 3 converted, keys dropped...).
 */
export async function importNotebook(db: Db, text: string, name: string | null, viewer: AccessViewer | null): Promise<Result<{ id: string; slug: string; notes: string[] }>> {
  // Parsing, converting and encoding a large file is work for a work thread (lib/server/work/).
  // A script (.py, .R...) is read as jupytext reads its percent format; anything else as .ipynb.
  const script = name && !/\.ipynb$/i.test(name) ? scriptExtensionOf(name) : null;
  const imported = script ? await runWork("importScript", { text, extension: script }) : await runWork("importIpynb", text);
  if (!imported.ok) {
    const what = script ? `a percent-format script jupytext reads, up to ${importLimitText()}` : `nbformat 2 to 4, up to ${importLimitText()}`;
    return fail(imported.code, `That file is not a notebook Tandem can import (${what}):\n${imported.message}`);
  }
  const limit = settings().limits.notebookBytes;
  if (imported.value.fileBytes > limit) return fail("too_large", `That file is too large to import. ${tooLargeText(imported.value.fileBytes, limit)}`);
  const title = titleFrom(name, imported.value.metadataTitle);
  const created = await createNotebook(db, { title, stored: imported.value.stored, ownerId: viewer?.id ?? null }, viewer);
  return created.ok ? ok({ ...created.value, notes: imported.value.notes }) : fail("failed", created.message);
}
