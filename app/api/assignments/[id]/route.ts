/**
 * PATCH /api/assignments/<id> { title?, instructions?, dueAt? } -> 204: a teacher of the class edits
 * the assignment (dueAt null clears it). DELETE -> 204: deletes it; the students' copies stay theirs.
 * Anyone else: 404.
 */
import { deleteAssignment, editAssignment, editAssignmentInput } from "@/lib/server/classroom/manage";
import { getDb } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const PATCH = defineRoute({
  auth: "user",
  params: ["id"],
  input: editAssignmentInput,
  run: ({ viewer, params, input }) => editAssignment(getDb(), viewer.id, params.id, input),
});

export const DELETE = defineRoute({
  auth: "user",
  params: ["id"],
  run: ({ viewer, params }) => deleteAssignment(getDb(), viewer.id, params.id),
});
