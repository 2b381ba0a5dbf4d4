/** POST /api/assignments/<id>/unsubmit -> 204: takes a submission back, before the due date. */
import { z } from "zod";
import { unsubmitCopy } from "@/lib/server/classroom/assignments";
import { getDb } from "@/lib/server/db/client";
import { actionRoute } from "@/lib/server/http/action-route";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export async function POST(request: Request, { params }: Context): Promise<Response> {
  const { id } = await params;
  return actionRoute(request, z.object({}), (viewer) => unsubmitCopy(getDb(), viewer.id, id));
}
