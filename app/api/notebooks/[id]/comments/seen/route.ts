/**
 * POST /api/notebooks/<id>/comments/seen { at? } -> 204: the signed-in reader has seen the
 * notebook's comments up to `at` (an ISO time, normally the newest comment on their screen, so one
 * that arrived since is still new), or up to now without it.
 */
import { getDb } from "@/lib/server/db/client";
import { markSeen, seenInput } from "@/lib/server/comments/comments";
import { actionRoute } from "@/lib/server/http/action-route";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export async function POST(request: Request, { params }: Context): Promise<Response> {
  const { id } = await params;
  return actionRoute(request, seenInput, (viewer, body) => markSeen(getDb(), viewer, id, body?.at === undefined ? new Date() : new Date(body.at)), {
    expected: "{ at?: an ISO date and time }",
  });
}
