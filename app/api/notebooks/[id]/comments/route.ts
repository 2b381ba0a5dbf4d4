/**
 * GET /api/notebooks/<id>/comments -> 200 { ok, threads, seenAt, canComment } (anyone signed in who
 * may read the notebook).
 * POST { cellId, line?, body, parentId? } -> 201 { id }: a new thread on a cell (or one line of it),
 * or with parentId a reply to a thread, whose cell and line it takes (editors).
 */
import { getDb } from "@/lib/server/db/client";
import { addComment, commentInput, listComments } from "@/lib/server/comments/comments";
import { readRoute } from "@/lib/server/comments/http";
import { actionRoute } from "@/lib/server/http/action-route";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Context): Promise<Response> {
  const { id } = await params;
  return readRoute(request, (viewer) => listComments(getDb(), viewer, id));
}

export async function POST(request: Request, { params }: Context): Promise<Response> {
  const { id } = await params;
  return actionRoute(request, commentInput, (viewer, body) => addComment(getDb(), viewer, id, body), {
    expected: "{ cellId: string, line?: number (1 or more) | null, body: string, parentId?: string }",
    done: (made) => Response.json({ id: made.value.id }, { status: 201 }),
  });
}
