/** POST .../versions/<versionId>/restore -> 204: the version becomes a new change that the room sees (editors). */
import { viewerFrom } from "@/lib/server/auth/auth";
import { getDb } from "@/lib/server/db/client";
import { isSameOrigin } from "@/lib/server/http/origin";
import { restoreVersion } from "@/lib/server/notebooks/versions";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string; versionId: string }> };

export async function POST(request: Request, { params }: Context): Promise<Response> {
  if (!isSameOrigin(request)) return Response.json({ code: "forbidden", message: "Cross-site requests are not allowed." }, { status: 403 });
  const viewer = await viewerFrom(request.headers);
  if (!viewer) return Response.json({ code: "unauthorized", message: "Sign in to restore versions." }, { status: 401 });
  const { id, versionId } = await params;
  const result = await restoreVersion(getDb(), viewer, id, versionId);
  if (!result.ok) return Response.json({ code: result.code, message: result.message }, { status: result.code === "not_found" ? 404 : 400 });
  return new Response(null, { status: 204 });
}
