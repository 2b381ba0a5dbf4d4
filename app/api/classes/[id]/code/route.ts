/** POST /api/classes/<id>/code -> 200 { joinCode }: a new join code; the old one stops working. */
import { replaceJoinCode } from "@/lib/server/classroom/classes";
import { getDb } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const POST = defineRoute({
  auth: "user",
  params: ["id"],
  run: ({ viewer, params }) => replaceJoinCode(getDb(), viewer.id, params.id),
});
