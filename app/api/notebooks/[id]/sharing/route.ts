/**
 * The owner's sharing settings: GET -> { visibility, linkRole, collaborators }; PUT { visibility,
 * linkRole }. To anyone but the owner, a 404.
 */
import { viewerFrom } from "@/lib/server/auth/auth";
import { getDb } from "@/lib/server/db/client";
import { ownerRoute } from "@/lib/server/http/owner-action";
import { loadSharing, setVisibility, visibilityInput } from "@/lib/server/notebooks/sharing";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Context): Promise<Response> {
  const viewer = await viewerFrom(request.headers);
  const sharing = viewer ? await loadSharing(getDb(), viewer.id, (await params).id) : null;
  if (!sharing) return Response.json({ code: "not_found", message: "There is no such notebook." }, { status: 404 });
  return Response.json(sharing, { headers: { "cache-control": "private, no-store" } });
}

export async function PUT(request: Request, { params }: Context): Promise<Response> {
  const { id } = await params;
  return ownerRoute(request, async (viewerId) => {
    const body = visibilityInput.safeParse(await request.json().catch(() => null));
    if (!body.success) {
      return { ok: false, code: "bad_request", message: 'Expected JSON: { visibility: "private" | "link" | "public", linkRole: "editor" | "viewer" }.' };
    }
    return setVisibility(getDb(), viewerId, id, body.data);
  });
}
