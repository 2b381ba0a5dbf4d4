/**
 * POST /api/notebooks/import?name=<file name>, body: the .ipynb file's text -> 201 { id, slug }.
 *
 * Anything but a notebook Jupyter reads answers 400 with what is wrong, by JSON path, or 413 when
 * the notebook would be over the size limit (TANDEM_MAX_NOTEBOOK_BYTES, as a .ipynb file as Tandem
 * writes it; the body may be twice that, http/body-limit.ts), and creates nothing
 * (lib/server/notebooks/import.ts).
 * Same-origin and rate limits as creating a notebook; a signed-in person owns the import.
 */
import { getDb } from "@/lib/server/db/client";
import { settings } from "@/lib/server/env";
import { defineRoute, textBody } from "@/lib/server/http/route";
import { importBodyBytes, importTooLargeText } from "@/lib/server/http/body-limit";
import { importNotebook } from "@/lib/server/notebooks/import";

export const dynamic = "force-dynamic";

export const POST = defineRoute({
  auth: "optional",
  limit: "notebookCreate",
  input: textBody(
    () => importBodyBytes(settings().limits.notebookBytes),
    () => importTooLargeText(settings().limits.notebookBytes),
  ),
  status: 201,
  run: ({ request, viewer, input }) => importNotebook(getDb(), input, new URL(request.url).searchParams.get("name"), viewer),
});
