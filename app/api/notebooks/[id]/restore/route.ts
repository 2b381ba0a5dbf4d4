/** POST /api/notebooks/<id>/restore -> 204: back from the trash. The owner's alone; a 404 to anyone else. */
import { getDb } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";
import { restoreNotebook } from "@/lib/server/notebooks/library";

export const dynamic = "force-dynamic";

export const POST = defineRoute({
  auth: "user",
  params: ["id"],
  run: ({ viewer, params }) => restoreNotebook(getDb(), viewer.id, params.id),
});
