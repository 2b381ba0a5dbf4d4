/** POST /api/assignments/<id>/submit -> 204: hands in the student's copy. */
import { z } from "zod";
import { submitCopy } from "@/lib/server/classroom/assignments";
import { getDb } from "@/lib/server/db/client";
import { actionRoute } from "@/lib/server/http/action-route";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export async function POST(request: Request, { params }: Context): Promise<Response> {
  const { id } = await params;
  return actionRoute(request, z.object({}), (viewer) => submitCopy(getDb(), viewer.id, id));
}
