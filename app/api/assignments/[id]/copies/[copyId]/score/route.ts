/**
 * PUT /api/assignments/<id>/copies/<copyId>/score { points, note? } -> 204: a teacher of the class
 * sets their own score of the copy (0 to what the assignment is out of), overriding the grade's
 * points. DELETE -> 204: clears it. Anyone else: 404.
 */
import { clearScore, scoreInput, setScore } from "@/lib/server/classroom/scores";
import { getDb } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const PUT = defineRoute({
  auth: "user",
  params: ["id", "copyId"],
  input: scoreInput,
  run: ({ viewer, params, input }) => setScore(getDb(), viewer.id, params.id, params.copyId, input),
});

export const DELETE = defineRoute({
  auth: "user",
  params: ["id", "copyId"],
  run: ({ viewer, params }) => clearScore(getDb(), viewer.id, params.id, params.copyId),
});
