/** POST .../versions/<versionId>/restore -> 204: the version becomes a new change that the room sees (editors). */
import { getDb } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";
import { restoreVersion } from "@/lib/server/notebooks/versions";

export const dynamic = "force-dynamic";

export const POST = defineRoute({
  auth: "user",
  params: ["id", "versionId"],
  run: ({ viewer, params }) => restoreVersion(getDb(), viewer, params.id, params.versionId),
});
