/**
 * POST .../versions/<versionId>/cells/<cellId>/restore -> 204: that one cell as the version has it,
 * as a new change the room sees. Anyone who may edit (a guest on a link that edits included); to
 * anyone else, a 404.
 */
import { getDb } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";
import { restoreCellFromVersion } from "@/lib/server/notebooks/versions";

export const dynamic = "force-dynamic";

export const POST = defineRoute({
  auth: "optional",
  params: ["id", "versionId", "cellId"],
  run: ({ viewer, params }) => restoreCellFromVersion(getDb(), viewer, params.id, params.versionId, params.cellId),
});
