/**
 * Accounts: better-auth with its Prisma adapter on Tandem's own database. Email and password only.
 *
 * - Passwords: better-auth's scrypt (memory-hard; N=16384, r=16, p=1), in Account.password.
 * - Sessions: rows in Session, for 30 days, refreshed daily; the cookie carries a signed token and
 *   is HttpOnly, SameSite=Lax, and Secure in production (`__Secure-` prefix).
 * - Cross-site requests: better-auth checks Origin against the trusted origins; the route in
 *   app/api/auth also refuses anything not same-origin first, `Origin: null` included
 *   (http/same-origin.ts), and limits failed sign-ins (sign-in-limits.ts), so better-auth's own
 *   rate limiter is off.
 * - A person's colour (presence, avatars) is picked from the presence palette at sign-up.
 *
 * One instance per process, in the server context (context.ts): the custom server (collaboration
 * connections) and Next's bundled server code (pages, routes) each load this module, and must agree.
 */
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";

import { APIError } from "better-auth/api";

import { colorForId, normalizeName } from "../../protocol/presence";
import { serverContext } from "../context";
import { getDb, getDbConfig } from "../db/client";
import { dbConfigFromEnv } from "../db/config";
import { settings } from "../env";
import { CLIENT_IP_HEADER } from "../http/client-ip";
import { authSecret } from "./secret";

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;

function createAuth() {
  const env = settings();
  const provider = (getDbConfig() ?? dbConfigFromEnv()).provider;
  return betterAuth({
    appName: "Tandem",
    baseURL: env.publicOrigin,
    secret: authSecret(),
    trustedOrigins: [...env.allowedOrigins],
    database: prismaAdapter(getDb(), { provider }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      autoSignIn: true,
    },
    user: {
      additionalFields: {
        color: { type: "string", required: false, input: false },
      },
    },
    session: {
      expiresIn: 60 * 60 * 24 * 30,
      updateAge: 60 * 60 * 24,
    },
    databaseHooks: {
      user: {
        create: {
          before: async (user) => {
            const name = normalizeName(user.name);
            if (name === null) throw new APIError("BAD_REQUEST", { message: "Give a name: others see it when you work together." });
            return { data: { ...user, name, color: colorForId(user.email.toLowerCase()) } };
          },
        },
        // The same rule for a name changed later (update-user) as at sign-up.
        update: {
          before: async (user) => {
            if (user.name === undefined) return { data: user };
            const name = typeof user.name === "string" ? normalizeName(user.name) : null;
            if (name === null) throw new APIError("BAD_REQUEST", { message: "Give a name: others see it when you work together." });
            return { data: { ...user, name } };
          },
        },
      },
    },
    advanced: {
      useSecureCookies: process.env.NODE_ENV === "production",
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
      // server.ts stamps the address it trusts (the socket's, or the proxy's) on every request.
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    // Its warnings are for failed sign-ins ("User not found"): expected traffic, not news.
    logger: { level: "error" },
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

export function getAuth(): Auth {
  const context = serverContext();
  context.auth ??= createAuth();
  return context.auth;
}

/** Forgets the instance (tests that switch databases): the next getAuth() makes a new one. */
export function resetAuth(): void {
  serverContext().auth = null;
}

/** The signed-in person, as the rest of the app sees them. */
export interface Viewer {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly color: string;
}

/** Who sent `headers` (a request's) and under which session, or null for a guest. Never throws for a bad cookie. */
export async function sessionFrom(headers: Headers): Promise<{ viewer: Viewer; sessionId: string } | null> {
  const session = await getAuth()
    .api.getSession({ headers })
    .catch(() => null);
  if (!session) return null;
  const { id, name, email } = session.user;
  const color = typeof session.user.color === "string" ? session.user.color : colorForId(email);
  return { viewer: { id, name, email, color }, sessionId: session.session.id };
}

/** Who sent `headers` (a request's), or null for a guest. Never throws for a bad cookie. */
export async function viewerFrom(headers: Headers): Promise<Viewer | null> {
  return (await sessionFrom(headers))?.viewer ?? null;
}
