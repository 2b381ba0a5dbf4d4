/** POST /api/classes { name } -> 200 { id }: a new class, with the caller as its teacher. */
import { z } from "zod";
import { createClass } from "@/lib/server/classroom/classes";
import { getDb } from "@/lib/server/db/client";
import { actionRoute } from "@/lib/server/http/action-route";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  return actionRoute(request, z.object({ name: z.string() }), (viewer, body) => createClass(getDb(), viewer.id, body.name));
}
