/**
 * PATCH /api/notebooks/<id> { title } renames; DELETE /api/notebooks/<id> moves it to the trash.
 * Both -> 204. The owner's alone: to anyone else the notebook is a 404.
 */
import { getDb } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";
import { renameInput, renameNotebook, trashNotebook } from "@/lib/server/notebooks/library";

export const dynamic = "force-dynamic";

export const PATCH = defineRoute({
  auth: "user",
  params: ["id"],
  input: renameInput,
  run: ({ viewer, params, input }) => renameNotebook(getDb(), viewer.id, params.id, input.title),
});

export const DELETE = defineRoute({
  auth: "user",
  params: ["id"],
  run: ({ viewer, params }) => trashNotebook(getDb(), viewer.id, params.id),
});
