/** POST /api/classes/join { code } -> 200 { id }: joins the class with that code as a student. */
import { z } from "zod";
import { joinClass } from "@/lib/server/classroom/classes";
import { getDb } from "@/lib/server/db/client";
import { clientIp } from "@/lib/server/http/client-ip";
import { actionRoute } from "@/lib/server/http/action-route";
import { overLimit } from "@/lib/server/http/rate-limit";

export const dynamic = "force-dynamic";

/** Codes are guessable only by trying: a few wrong ones per address are fine, thousands are not. */
const JOIN_TRIES_PER_10_MIN = Number(process.env.TANDEM_CLASS_JOIN_LIMIT ?? 30);

export async function POST(request: Request): Promise<Response> {
  const wait = await overLimit("join-class", clientIp(request), JOIN_TRIES_PER_10_MIN, 600);
  if (wait !== null) {
    return Response.json({ code: "rate_limited", message: `Too many tries; wait ${wait} s.` }, { status: 429, headers: { "Retry-After": String(wait) } });
  }
  return actionRoute(request, z.object({ code: z.string().max(40) }), (viewer, body) => joinClass(getDb(), viewer.id, body.code));
}
