/**
 * GET /api/assignments/<id>/grading -> 200 GradingPayload (lib/classroom/grading-types.ts): what the
 * teacher's browser grades, the hidden checks' code and each copy as handed in included. The class's
 * teachers only (anyone else signed in: 404; a guest: 401). Never cached.
 */
import { gradingOf } from "@/lib/server/classroom/grading";
import { getDb } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  auth: "user",
  params: ["id"],
  run: ({ viewer, params }) => gradingOf(getDb(), viewer.id, params.id),
});
