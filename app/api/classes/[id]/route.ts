/**
 * PATCH /api/classes/<id> { name?, archived? } -> 204: a teacher renames, archives or restores the class. DELETE -> 204: deletes it,
 * with its assignments; every student's copy stays in their library. Anyone else: 404.
 */
import { deleteClass, editClass, editClassInput } from "@/lib/server/classroom/manage";
import { getDb } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const PATCH = defineRoute({
  auth: "user",
  params: ["id"],
  input: editClassInput,
  run: ({ viewer, params, input }) => editClass(getDb(), viewer.id, params.id, input),
});

export const DELETE = defineRoute({
  auth: "user",
  params: ["id"],
  run: ({ viewer, params }) => deleteClass(getDb(), viewer.id, params.id),
});
