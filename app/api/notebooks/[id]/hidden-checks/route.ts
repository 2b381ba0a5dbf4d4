/**
 * GET /api/notebooks/<id>/hidden-checks -> 200 [{ cellId, source }]: the hidden checks of an
 * assignment copy, for a teacher's kernel to run (the class's teachers only; anyone else, the
 * copy's own student and a guest included, and any notebook that is not a copy: 404). Never cached.
 */
import { hiddenChecksOf } from "@/lib/server/classroom/assignments";
import { getDb } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";
import { fail, ok } from "@/lib/util/result";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  auth: "optional",
  params: ["id"],
  run: async ({ viewer, params }) => {
    const checks = viewer ? await hiddenChecksOf(getDb(), viewer.id, params.id) : null;
    return checks ? ok(checks) : fail("not_found", "There is no such notebook.");
  },
});
