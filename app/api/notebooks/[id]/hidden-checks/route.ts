/**
 * GET /api/notebooks/<id>/hidden-checks -> 200 [{ cellId, source }]: the hidden checks of an
 * assignment copy, for its kernel to run (the copy's student and the class's teachers; anyone
 * else, and any notebook that is not a copy: 404). Never cached.
 */
import { viewerFrom } from "@/lib/server/auth/auth";
import { hiddenChecksOf } from "@/lib/server/classroom/assignments";
import { getDb } from "@/lib/server/db/client";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Context): Promise<Response> {
  const viewer = await viewerFrom(request.headers);
  const checks = viewer ? await hiddenChecksOf(getDb(), viewer.id, (await params).id) : null;
  if (!checks) return Response.json({ code: "not_found", message: "There is no such notebook." }, { status: 404 });
  return Response.json(checks, { headers: { "Cache-Control": "no-store" } });
}
