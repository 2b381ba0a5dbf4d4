/**
 * Collaborators, the owner's alone: POST { email, role } invites (or changes the role of) a
 * person by email; DELETE { email } removes them, and their open connections close at once.
 */
import { z } from "zod";
import { getDb } from "@/lib/server/db/client";
import { ownerRoute } from "@/lib/server/http/owner-action";
import { invite, inviteInput, removeCollaborator } from "@/lib/server/notebooks/sharing";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export async function POST(request: Request, { params }: Context): Promise<Response> {
  const { id } = await params;
  return ownerRoute(request, async (viewerId) => {
    const body = inviteInput.safeParse(await request.json().catch(() => null));
    if (!body.success) return { ok: false, code: "bad_request", message: 'Expected JSON: { email: string, role: "editor" | "viewer" }.' };
    return invite(getDb(), viewerId, id, body.data);
  });
}

export async function DELETE(request: Request, { params }: Context): Promise<Response> {
  const { id } = await params;
  return ownerRoute(request, async (viewerId) => {
    const body = z.object({ email: z.string() }).safeParse(await request.json().catch(() => null));
    if (!body.success) return { ok: false, code: "bad_request", message: "Expected JSON: { email: string }." };
    return removeCollaborator(getDb(), viewerId, id, body.data.email);
  });
}
