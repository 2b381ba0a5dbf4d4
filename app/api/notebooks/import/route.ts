/**
 * POST /api/notebooks/import?name=<file name>, body: the .ipynb file's text -> 201 { id, slug }.
 *
 * Anything but an nbformat 4 notebook answers 400 with what is wrong, by JSON path, or 413 over
 * the import limit (TANDEM_MAX_IMPORT_BYTES), and creates nothing (lib/server/notebooks/import.ts).
 * Same-origin and rate limits as creating a notebook; a signed-in person owns the import.
 */
import { getDb } from "@/lib/server/db/client";
import { settings } from "@/lib/server/env";
import { defineRoute, textBody } from "@/lib/server/http/route";
import { importLimitText, importNotebook } from "@/lib/server/notebooks/import";

export const dynamic = "force-dynamic";

export const POST = defineRoute({
  auth: "optional",
  limit: "notebookCreate",
  input: textBody(
    () => settings().limits.importBytes,
    (bytes) => `That file is larger than the ${importLimitText(bytes)} a notebook import may be.`,
  ),
  status: 201,
  run: ({ request, viewer, input }) => importNotebook(getDb(), input, new URL(request.url).searchParams.get("name"), viewer),
});
