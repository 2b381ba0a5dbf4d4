/**
 * PUT /api/assignments/<id>/extensions/<studentId> { dueAt } -> 204: a teacher of the class gives
 * the student their own due date (ISO 8601). DELETE -> 204: takes it back. Anyone else: 404.
 */
import { clearExtension, extensionInput, setExtension } from "@/lib/server/classroom/extensions";
import { getDb } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const PUT = defineRoute({
  auth: "user",
  params: ["id", "studentId"],
  input: extensionInput,
  run: ({ viewer, params, input }) => setExtension(getDb(), viewer.id, params.id, params.studentId, input),
});

export const DELETE = defineRoute({
  auth: "user",
  params: ["id", "studentId"],
  run: ({ viewer, params }) => clearExtension(getDb(), viewer.id, params.id, params.studentId),
});
