/**
 * Accounts for tests that call route handlers directly: a sign-up through the real auth route
 * (gate, better-auth, the database), with a session cookie for the person's later requests.
 */
import { expect } from "vitest";
import { POST as auth } from "@/app/api/auth/[...all]/route";
import { getDb } from "@/lib/server/db/client";
import { CLIENT_IP_HEADER } from "@/lib/server/http/client-ip";

export const ROUTE_ORIGIN = "http://localhost:3000";

export interface RoutePerson {
  readonly id: string;
  readonly email: string;
  /** The session's Cookie header. */
  readonly cookie: string;
}

/** The Set-Cookie pairs of a response, as a Cookie header. */
export function cookieOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .join("; ");
}

let addresses = 0;

/** Signs `name` up (a fresh email unless given), each from an address of its own so no limit applies. */
export async function signUpThroughRoute(name: string, email = `${name.toLowerCase()}-${Math.random().toString(36).slice(2)}@example.com`): Promise<RoutePerson> {
  const headers = new Headers({ "content-type": "application/json", host: "localhost:3000", origin: ROUTE_ORIGIN });
  headers.set(CLIENT_IP_HEADER, `192.0.2.${(++addresses % 250) + 1}`);
  const response = await auth(
    new Request(`${ROUTE_ORIGIN}/api/auth/sign-up/email`, { method: "POST", headers, body: JSON.stringify({ name, email, password: "a long enough password" }) }),
  );
  expect(response.status).toBe(200);
  const user = await getDb().user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  return { id: user.id, email, cookie: cookieOf(response) };
}
