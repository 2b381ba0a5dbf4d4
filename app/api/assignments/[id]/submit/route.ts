/** POST /api/assignments/<id>/submit -> 204: hands in the student's copy. */
import { submitCopy } from "@/lib/server/classroom/assignments";
import { getDb } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const POST = defineRoute({
  auth: "user",
  params: ["id"],
  run: ({ viewer, params }) => submitCopy(getDb(), viewer.id, params.id),
});
