/** POST /api/classes/<id>/teachers { email } -> 204: makes an existing account a teacher of the class. */
import { addTeacher, addTeacherInput } from "@/lib/server/classroom/classes";
import { getDb } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const POST = defineRoute({
  auth: "user",
  params: ["id"],
  input: addTeacherInput,
  run: ({ viewer, params, input }) => addTeacher(getDb(), viewer.id, params.id, input.email),
});
