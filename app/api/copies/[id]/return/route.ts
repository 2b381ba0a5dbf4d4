/** POST /api/copies/<id>/return { note? } -> 204: a teacher returns a student's copy with a note. */
import { returnCopy, returnCopyInput } from "@/lib/server/classroom/assignments";
import { getDb } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const POST = defineRoute({
  auth: "user",
  params: ["id"],
  input: returnCopyInput,
  run: ({ viewer, params, input }) => returnCopy(getDb(), viewer.id, params.id, input.note),
});
