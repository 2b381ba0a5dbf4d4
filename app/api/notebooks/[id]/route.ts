/**
 * PATCH /api/notebooks/<id> { title } renames; DELETE /api/notebooks/<id> moves it to the trash.
 * The owner's alone: to anyone else the notebook is a 404.
 */
import { z } from "zod";
import { getDb } from "@/lib/server/db/client";
import { ownerRoute } from "@/lib/server/http/owner-action";
import { renameNotebook, trashNotebook } from "@/lib/server/notebooks/library";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };
const renameBody = z.object({ title: z.string() });

export async function PATCH(request: Request, { params }: Context): Promise<Response> {
  const { id } = await params;
  return ownerRoute(request, async (viewerId) => {
    const body = renameBody.safeParse(await request.json().catch(() => null));
    if (!body.success) return { ok: false, code: "bad_request", message: "Expected JSON: { title: string }." };
    return renameNotebook(getDb(), viewerId, id, body.data.title);
  });
}

export async function DELETE(request: Request, { params }: Context): Promise<Response> {
  const { id } = await params;
  return ownerRoute(request, (viewerId) => trashNotebook(getDb(), viewerId, id));
}
