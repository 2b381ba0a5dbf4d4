/**
 * PATCH /api/notebooks/<id>/comments/<commentId> { resolved } -> 204: resolves or reopens a thread
 * (editors with an account). DELETE -> 204: deletes one's own comment, and a thread's replies with its first; a
 * guest's own reply is one made with the key their request carries.
 */
import { deleteComment, guestKeyFrom, resolveInput, setResolved } from "@/lib/server/comments/comments";
import { getDb } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const PATCH = defineRoute({
  // A guest who may read is refused with 403 (they can see the thread), one who may not with 404.
  auth: "optional",
  params: ["id", "commentId"],
  input: resolveInput,
  run: ({ viewer, params, input }) => setResolved(getDb(), viewer, params.id, params.commentId, input.resolved),
});

export const DELETE = defineRoute({
  auth: "optional",
  params: ["id", "commentId"],
  run: ({ request, viewer, params }) => deleteComment(getDb(), viewer, params.id, params.commentId, viewer ? null : guestKeyFrom(request.headers)),
});
