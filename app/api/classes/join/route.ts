/**
 * POST /api/classes/join { code } -> 200 { id }: joins the class with that code as a student.
 * Codes are guessable only by trying: a few wrong ones per address are fine, thousands are not.
 */
import { joinClass, joinClassInput } from "@/lib/server/classroom/classes";
import { getDb } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const POST = defineRoute({
  auth: "user",
  limit: "classJoin",
  input: joinClassInput,
  run: ({ viewer, input }) => joinClass(getDb(), viewer.id, input.code),
});
