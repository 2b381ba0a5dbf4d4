/** POST /api/classes/<id>/code -> 200 { joinCode }: a new join code; the old one stops working. */
import { z } from "zod";
import { replaceJoinCode } from "@/lib/server/classroom/classes";
import { getDb } from "@/lib/server/db/client";
import { actionRoute } from "@/lib/server/http/action-route";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export async function POST(request: Request, { params }: Context): Promise<Response> {
  const { id } = await params;
  return actionRoute(request, z.object({}), (viewer) => replaceJoinCode(getDb(), viewer.id, id));
}
