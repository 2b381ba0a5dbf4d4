/** POST /api/copies/<id>/return { note? } -> 204: a teacher returns a student's copy with a note. */
import { z } from "zod";
import { returnCopy } from "@/lib/server/classroom/assignments";
import { getDb } from "@/lib/server/db/client";
import { actionRoute } from "@/lib/server/http/action-route";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export async function POST(request: Request, { params }: Context): Promise<Response> {
  const { id } = await params;
  return actionRoute(request, z.object({ note: z.string().default("") }), (viewer, body) => returnCopy(getDb(), viewer.id, id, body.note));
}
