/** POST /api/classes/<id>/leave -> 204: a student leaves the class; their copies stay theirs. */
import { leaveClass } from "@/lib/server/classroom/manage";
import { getDb } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const POST = defineRoute({
  auth: "user",
  params: ["id"],
  run: ({ viewer, params }) => leaveClass(getDb(), viewer.id, params.id),
});
