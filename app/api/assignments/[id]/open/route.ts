/** POST /api/assignments/<id>/open -> 200 { slug }: the student's own copy, made on first open. */
import { z } from "zod";
import { openAssignment } from "@/lib/server/classroom/assignments";
import { getDb } from "@/lib/server/db/client";
import { actionRoute } from "@/lib/server/http/action-route";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export async function POST(request: Request, { params }: Context): Promise<Response> {
  const { id } = await params;
  return actionRoute(request, z.object({}), (viewer) => openAssignment(getDb(), viewer.id, id));
}
