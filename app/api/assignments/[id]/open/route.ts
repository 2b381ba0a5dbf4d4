/** POST /api/assignments/<id>/open -> 200 { slug }: the student's own copy, made on first open. */
import { openAssignment } from "@/lib/server/classroom/assignments";
import { getDb } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const POST = defineRoute({
  auth: "user",
  params: ["id"],
  run: ({ viewer, params }) => openAssignment(getDb(), viewer.id, params.id),
});
