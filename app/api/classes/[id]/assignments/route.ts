/**
 * POST /api/classes/<id>/assignments { notebook, title, instructions?, dueAt? } -> 200 { id }:
 * a teacher assigns a notebook they may read (its slug) to the class.
 */
import { createAssignment, createAssignmentInput } from "@/lib/server/classroom/assignments";
import { getDb } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const POST = defineRoute({
  auth: "user",
  params: ["id"],
  input: createAssignmentInput,
  run: ({ viewer, params, input }) => createAssignment(getDb(), viewer, params.id, input),
});
