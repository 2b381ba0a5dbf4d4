/**
 * PATCH /api/notebooks/<id>/comments/<commentId> { resolved } -> 204: resolves or reopens a thread
 * (editors). DELETE -> 204: deletes one's own comment, and a thread's replies with its first.
 */
import { deleteComment, resolveInput, setResolved } from "@/lib/server/comments/comments";
import { getDb } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const PATCH = defineRoute({
  auth: "user",
  params: ["id", "commentId"],
  input: resolveInput,
  run: ({ viewer, params, input }) => setResolved(getDb(), viewer, params.id, params.commentId, input.resolved),
});

export const DELETE = defineRoute({
  auth: "user",
  params: ["id", "commentId"],
  run: ({ viewer, params }) => deleteComment(getDb(), viewer, params.id, params.commentId),
});
