/**
 * PATCH /api/notebooks/<id> { title } renames (anyone who may edit it, a guest on a link that
 * edits included); DELETE /api/notebooks/<id> moves it to the trash (the owner's alone). Both ->
 * 204; to anyone else the notebook is a 404.
 */
import { getDb } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";
import { renameInput, renameNotebook, trashNotebook } from "@/lib/server/notebooks/library";

export const dynamic = "force-dynamic";

export const PATCH = defineRoute({
  auth: "optional",
  params: ["id"],
  input: renameInput,
  run: ({ viewer, params, input }) => renameNotebook(getDb(), viewer, params.id, input.title),
});

export const DELETE = defineRoute({
  auth: "user",
  params: ["id"],
  run: ({ viewer, params }) => trashNotebook(getDb(), viewer.id, params.id),
});
