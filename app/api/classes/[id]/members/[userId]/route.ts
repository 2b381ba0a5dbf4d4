/** DELETE /api/classes/<id>/members/<userId> -> 204: a teacher removes someone from the class. */
import { z } from "zod";
import { removeMember } from "@/lib/server/classroom/classes";
import { getDb } from "@/lib/server/db/client";
import { actionRoute } from "@/lib/server/http/action-route";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string; userId: string }> };

export async function DELETE(request: Request, { params }: Context): Promise<Response> {
  const { id, userId } = await params;
  return actionRoute(request, z.object({}), (viewer) => removeMember(getDb(), viewer.id, id, userId));
}
