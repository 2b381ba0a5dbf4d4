/**
 * POST /api/notebooks/<id>/versions { name } -> 204: saves the notebook's current state by name
 * (editors). Limited per account (versionSave): each version is a full snapshot of the notebook.
 */
import { getDb } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";
import { saveVersion, saveVersionInput } from "@/lib/server/notebooks/versions";

export const dynamic = "force-dynamic";

export const POST = defineRoute({
  auth: "user",
  params: ["id"],
  limit: "versionSave",
  input: saveVersionInput,
  run: ({ viewer, params, input }) => saveVersion(getDb(), viewer, params.id, input.name),
});
