/**
 * better-auth's endpoints (/api/auth/*), behind Tandem's own gate (lib/server/auth/gate.ts):
 * same-origin only, JSON bodies only, failed sign-ins limited per account and per address,
 * sign-ups per address, and a sign-out closes that session's collaboration connections.
 */
import { getAuth } from "@/lib/server/auth/auth";
import { gatedAuthPost } from "@/lib/server/auth/gate";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  return getAuth().handler(request);
}

export async function POST(request: Request): Promise<Response> {
  return gatedAuthPost(request);
}
