/**
 * PATCH /api/notebooks/<id>/comments/<commentId> { resolved } -> 204: resolves or reopens a thread
 * (editors). DELETE -> 204: deletes one's own comment, and a thread's replies with its first.
 */
import { z } from "zod";
import { getDb } from "@/lib/server/db/client";
import { deleteComment, resolveInput, setResolved } from "@/lib/server/comments/comments";
import { writeRoute } from "@/lib/server/comments/http";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string; commentId: string }> };

export async function PATCH(request: Request, { params }: Context): Promise<Response> {
  const { id, commentId } = await params;
  return writeRoute(request, resolveInput, "{ resolved: boolean }", (viewer, body) => setResolved(getDb(), viewer, id, commentId, body.resolved));
}

export async function DELETE(request: Request, { params }: Context): Promise<Response> {
  const { id, commentId } = await params;
  return writeRoute(request, z.unknown(), "nothing", (viewer) => deleteComment(getDb(), viewer, id, commentId));
}
