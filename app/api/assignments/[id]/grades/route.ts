/**
 * POST /api/assignments/<id>/grades { copyId, versionId, results } -> 200 { passed, total, gradedAt }:
 * a teacher of the class records their browser's grade of one copy's hand-in (anyone else signed
 * in: 404; a guest: 401). 409 when the student has handed in again since; 400 unless there is one
 * result per check.
 */
import { gradeSubmissionInput, saveGrade } from "@/lib/server/classroom/grading";
import { getDb } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const POST = defineRoute({
  auth: "user",
  params: ["id"],
  input: gradeSubmissionInput,
  run: ({ viewer, params, input }) => saveGrade(getDb(), viewer.id, params.id, input),
});
