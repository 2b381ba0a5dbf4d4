/** DELETE /api/classes/<id>/members/<userId> -> 204: a teacher removes someone from the class. */
import { removeMember } from "@/lib/server/classroom/classes";
import { getDb } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const DELETE = defineRoute({
  auth: "user",
  params: ["id", "userId"],
  run: ({ viewer, params }) => removeMember(getDb(), viewer.id, params.id, params.userId),
});
