/** POST /api/notebooks/<id>/versions { name } -> 204: saves the notebook's current state by name (editors). */
import { z } from "zod";
import { viewerFrom } from "@/lib/server/auth/auth";
import { getDb } from "@/lib/server/db/client";
import { isSameOrigin } from "@/lib/server/http/origin";
import { saveVersion } from "@/lib/server/notebooks/versions";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };
const body = z.object({ name: z.string() });

export async function POST(request: Request, { params }: Context): Promise<Response> {
  if (!isSameOrigin(request)) return Response.json({ code: "forbidden", message: "Cross-site requests are not allowed." }, { status: 403 });
  const viewer = await viewerFrom(request.headers);
  if (!viewer) return Response.json({ code: "unauthorized", message: "Sign in to save versions." }, { status: 401 });
  const parsed = body.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ code: "bad_request", message: "Expected JSON: { name: string }." }, { status: 400 });
  const result = await saveVersion(getDb(), viewer, (await params).id, parsed.data.name);
  if (!result.ok) return Response.json({ code: result.code, message: result.message }, { status: result.code === "not_found" ? 404 : 400 });
  return new Response(null, { status: 204 });
}
