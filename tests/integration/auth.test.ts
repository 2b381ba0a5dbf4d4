/**
 * Accounts through the real /api/auth route (app/api/auth/[...all]/route.ts), better-auth and the
 * real database: sign-up stores a scrypt hash and a session, the session cookie names the person,
 * failed sign-ins are limited per account and per address (429 + Retry-After), and cross-site
 * requests, `Origin: null` included, are refused before better-auth sees them. On SQLite, and on
 * PostgreSQL when TEST_DATABASE_URL is set.
 */
import { describe, expect, it } from "vitest";
import { viewerFrom } from "@/lib/server/auth/auth";
import { getDb } from "@/lib/server/db/client";
import { CLIENT_IP_HEADER } from "@/lib/server/http/client-ip";
import { POST } from "@/app/api/auth/[...all]/route";
import { testBackends } from "../support/databases";
import { useRouteDatabase } from "../support/route-database";

const ORIGIN = "http://localhost:3000";
let address = 0;

process.env.TANDEM_AUTH_SECRET = "integration-test-secret-0123456789abcdef";

function post(path: string, body: unknown, options: { origin?: string | null; ip?: string; cookie?: string } = {}) {
  const headers = new Headers({ "content-type": "application/json", host: "localhost:3000" });
  if (options.origin !== null) headers.set("origin", options.origin ?? ORIGIN);
  headers.set(CLIENT_IP_HEADER, options.ip ?? "203.0.113.1");
  if (options.cookie) headers.set("cookie", options.cookie);
  return POST(new Request(`${ORIGIN}/api/auth${path}`, { method: "POST", headers, body: JSON.stringify(body) }));
}

/** The Set-Cookie pairs of a response, as a Cookie header. */
function cookieOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .join("; ");
}

for (const backend of testBackends()) {
  describe(`accounts on ${backend.name}`, () => {
    useRouteDatabase(backend);

    it("signs up with a hashed password and a session that names the person", async () => {
      const response = await post("/sign-up/email", { email: "Ada@Example.com", password: "analytical engine", name: "  Ada   Lovelace " });
      expect(response.status).toBe(200);
      const cookie = response.headers.getSetCookie().find((c) => c.includes("session_token"));
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);

      const viewer = await viewerFrom(new Headers({ cookie: cookieOf(response) }));
      expect(viewer).toMatchObject({ name: "Ada Lovelace", email: "ada@example.com" });
      expect(viewer!.color).toMatch(/^#[0-9a-f]{6}$/);

      const account = await getDb().account.findFirstOrThrow({ where: { userId: viewer!.id } });
      expect(account.providerId).toBe("credential");
      expect(account.password).not.toContain("analytical engine");
      expect(account.password).toMatch(/^[0-9a-f]+:[0-9a-f]+$/); // salt:scrypt key
      expect(await getDb().session.count({ where: { userId: viewer!.id } })).toBe(1);
    });

    it("refuses a sign-up without a usable name, creating nothing", async () => {
      const before = await getDb().user.count();
      const response = await post("/sign-up/email", { email: "nameless@example.com", password: "long enough", name: "   " });
      expect(response.status).toBe(400);
      expect(await getDb().user.count()).toBe(before);
    });

    it("limits failed sign-ins per account, even with the right password after", async () => {
      const email = `grace-${backend.name}@example.com`;
      expect((await post("/sign-up/email", { email, password: "compiler1952", name: "Grace" })).status).toBe(200);
      const ip = `198.51.100.${++address}`;
      for (let i = 0; i < 5; i++) expect((await post("/sign-in/email", { email, password: "wrong password" }, { ip })).status).toBe(401);
      const limited = await post("/sign-in/email", { email, password: "compiler1952" }, { ip: `198.51.100.${++address}` });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(((await limited.json()) as { message: string }).message).toMatch(/Too many failed sign-ins/);
    });

    it("limits failed sign-ins per address, across accounts", async () => {
      const ip = `192.0.2.${++address}`;
      for (let i = 0; i < 20; i++) {
        expect((await post("/sign-in/email", { email: `nobody-${i}@example.com`, password: "guess" }, { ip })).status).toBe(401);
      }
      const limited = await post("/sign-in/email", { email: "someone-else@example.com", password: "guess" }, { ip });
      expect(limited.status).toBe(429);
      expect(limited.headers.get("retry-after")).toBeTruthy();
      // Another address is not affected.
      expect((await post("/sign-in/email", { email: "someone-else@example.com", password: "guess" }, { ip: "192.0.2.250" })).status).toBe(401);
    });

    it("applies the limits whatever the body's encoding: only JSON is read, so a locked account stays locked", async () => {
      const email = `hopper-${backend.name}@example.com`;
      expect((await post("/sign-up/email", { email, password: "compiler1952", name: "Grace" })).status).toBe(200);
      const ip = `198.51.100.${++address}`;
      for (let i = 0; i < 5; i++) expect((await post("/sign-in/email", { email, password: "wrong password" }, { ip })).status).toBe(401);
      for (const [type, body] of [
        ["application/x-www-form-urlencoded", new URLSearchParams({ email, password: "compiler1952" }).toString()],
        ["text/plain", JSON.stringify({ email, password: "compiler1952" })],
      ] as const) {
        const headers = new Headers({ "content-type": type, host: "localhost:3000", origin: ORIGIN, [CLIENT_IP_HEADER]: ip });
        const response = await POST(new Request(`${ORIGIN}/api/auth/sign-in/email`, { method: "POST", headers, body }));
        expect(response.status).toBe(415);
        expect(response.headers.getSetCookie()).toEqual([]);
      }
      expect((await post("/sign-in/email", { email, password: "compiler1952" }, { ip })).status).toBe(429);
    });

    it("keeps the sign-up rule for a name changed later", async () => {
      const email = `renamer-${backend.name}@example.com`;
      const cookie = cookieOf(await post("/sign-up/email", { email, password: "long enough", name: "Renamer" }));
      expect((await post("/update-user", { name: `<b>${"y".repeat(10_000)}</b>` }, { cookie })).status).toBe(200);
      const viewer = await viewerFrom(new Headers({ cookie }));
      expect([...viewer!.name].length).toBeLessThanOrEqual(40);
      expect((await post("/update-user", { name: "  " }, { cookie })).status).toBe(400);
      expect((await viewerFrom(new Headers({ cookie })))!.name).toBe(viewer!.name);
    });

    it("refuses cross-site requests, Origin: null included, before anything happens", async () => {
      const before = await getDb().user.count();
      for (const origin of ["null", "https://evil.example", null]) {
        const response = await post("/sign-up/email", { email: `x-${String(origin)}@example.com`, password: "long enough", name: "X" }, { origin });
        expect(response.status).toBe(403);
      }
      expect(await getDb().user.count()).toBe(before);
    });
  });
}
