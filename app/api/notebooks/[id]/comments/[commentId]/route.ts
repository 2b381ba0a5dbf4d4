/**
 * PATCH /api/notebooks/<id>/comments/<commentId> { resolved } -> 204: resolves or reopens a thread
 * (editors). DELETE -> 204: deletes one's own comment, and a thread's replies with its first.
 */
import { z } from "zod";
import { getDb } from "@/lib/server/db/client";
import { deleteComment, resolveInput, setResolved } from "@/lib/server/comments/comments";
import { actionRoute } from "@/lib/server/http/action-route";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string; commentId: string }> };

export async function PATCH(request: Request, { params }: Context): Promise<Response> {
  const { id, commentId } = await params;
  return actionRoute(request, resolveInput, (viewer, body) => setResolved(getDb(), viewer, id, commentId, body.resolved), { expected: "{ resolved: boolean }" });
}

export async function DELETE(request: Request, { params }: Context): Promise<Response> {
  const { id, commentId } = await params;
  return actionRoute(request, z.unknown(), (viewer) => deleteComment(getDb(), viewer, id, commentId));
}
