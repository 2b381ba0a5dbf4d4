/** POST /api/classes/<id>/teachers { email } -> 204: makes an existing account a teacher of the class. */
import { z } from "zod";
import { addTeacher } from "@/lib/server/classroom/classes";
import { getDb } from "@/lib/server/db/client";
import { actionRoute } from "@/lib/server/http/action-route";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export async function POST(request: Request, { params }: Context): Promise<Response> {
  const { id } = await params;
  return actionRoute(request, z.object({ email: z.string().max(320) }), (viewer, body) => addTeacher(getDb(), viewer.id, id, body.email));
}
