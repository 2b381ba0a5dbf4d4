/** POST /api/classes { name } -> 200 { id }: a new class, with the caller as its teacher. */
import { z } from "zod";
import { createClass } from "@/lib/server/classroom/classes";
import { getDb } from "@/lib/server/db/client";
import { memberRoute } from "@/lib/server/http/member-route";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  return memberRoute(request, z.object({ name: z.string() }), (viewer, body) => createClass(getDb(), viewer.id, body.name));
}
