/** POST /api/assignments/<id>/unsubmit -> 204: takes a submission back, before the due date. */
import { unsubmitCopy } from "@/lib/server/classroom/assignments";
import { getDb } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const POST = defineRoute({
  auth: "user",
  params: ["id"],
  run: ({ viewer, params }) => unsubmitCopy(getDb(), viewer.id, params.id),
});
