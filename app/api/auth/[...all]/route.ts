/**
 * better-auth's endpoints (/api/auth/*), behind Tandem's own gate: every state-changing request
 * must be same-origin (a sandboxed iframe's `Origin: null` is not), failed sign-ins are limited
 * per account and per address, and sign-ups per address (lib/server/auth/sign-in-limits.ts).
 */
import { getAuth } from "@/lib/server/auth/auth";
import { recordFailedSignIn, recordSignIn, signInWait, signUpWait } from "@/lib/server/auth/sign-in-limits";
import { clientIp } from "@/lib/server/http/client-ip";
import { isSameOrigin } from "@/lib/server/http/origin";

export const dynamic = "force-dynamic";

function tooMany(message: string, seconds: number): Response {
  return Response.json(
    { code: "rate_limited", message: `${message} Try again in ${seconds} s.` },
    { status: 429, headers: { "Retry-After": String(seconds) } },
  );
}

async function emailOf(request: Request): Promise<string | null> {
  const body: unknown = await request.clone().json().catch(() => null);
  const email = typeof body === "object" && body !== null ? (body as { email?: unknown }).email : undefined;
  return typeof email === "string" ? email.trim().toLowerCase() : null;
}

export async function GET(request: Request): Promise<Response> {
  return getAuth().handler(request);
}

export async function POST(request: Request): Promise<Response> {
  if (!isSameOrigin(request)) {
    return Response.json({ code: "forbidden", message: "Cross-site requests are not allowed." }, { status: 403 });
  }
  const path = new URL(request.url).pathname;
  const address = clientIp(request);

  if (path.endsWith("/sign-up/email")) {
    const wait = await signUpWait(address);
    if (wait !== null) return tooMany("Too many new accounts from your address.", wait);
    return getAuth().handler(request);
  }

  if (path.endsWith("/sign-in/email")) {
    const email = await emailOf(request);
    if (email === null) return getAuth().handler(request); // better-auth explains what is missing
    const wait = await signInWait(email, address);
    if (wait !== null) return tooMany("Too many failed sign-ins.", wait);
    const response = await getAuth().handler(request);
    if (response.status === 401) await recordFailedSignIn(email, address);
    else if (response.ok) await recordSignIn(email);
    return response;
  }

  return getAuth().handler(request);
}
