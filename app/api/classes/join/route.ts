/** POST /api/classes/join { code } -> 200 { id }: joins the class with that code as a student. */
import { z } from "zod";
import { joinClass } from "@/lib/server/classroom/classes";
import { getDb } from "@/lib/server/db/client";
import { clientIp } from "@/lib/server/http/client-ip";
import { actionRoute } from "@/lib/server/http/action-route";
import { consumeLimit } from "@/lib/server/http/rate-limit";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  // Codes are guessable only by trying: a few wrong ones per address are fine, thousands are not.
  const refused = await consumeLimit("classJoin", { address: clientIp(request), accountId: null });
  if (refused) return refused;
  return actionRoute(request, z.object({ code: z.string().max(40) }), (viewer, body) => joinClass(getDb(), viewer.id, body.code));
}
