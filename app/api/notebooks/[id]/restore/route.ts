/** POST /api/notebooks/<id>/restore: back from the trash. The owner's alone; a 404 to anyone else. */
import { getDb } from "@/lib/server/db/client";
import { ownerRoute } from "@/lib/server/http/owner-action";
import { restoreNotebook } from "@/lib/server/notebooks/library";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export async function POST(request: Request, { params }: Context): Promise<Response> {
  const { id } = await params;
  return ownerRoute(request, (viewerId) => restoreNotebook(getDb(), viewerId, id));
}
