/**
 * PATCH /api/classes/<id> { name } -> 204: a teacher renames the class. DELETE -> 204: deletes it,
 * with its assignments; every student's copy stays in their library. Anyone else: 404.
 */
import { deleteClass, renameClass, renameClassInput } from "@/lib/server/classroom/manage";
import { getDb } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const PATCH = defineRoute({
  auth: "user",
  params: ["id"],
  input: renameClassInput,
  run: ({ viewer, params, input }) => renameClass(getDb(), viewer.id, params.id, input.name),
});

export const DELETE = defineRoute({
  auth: "user",
  params: ["id"],
  run: ({ viewer, params }) => deleteClass(getDb(), viewer.id, params.id),
});
