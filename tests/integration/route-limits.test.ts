/**
 * The per-account rate limits of what is cheap to ask for and costly to keep, through the real
 * routes, auth and database: saving versions (each one a full snapshot of the notebook) and
 * making classes. Within the window, the request after the limit is a 429 with Retry-After and
 * makes nothing; the limit is the account's, so someone else is not held back by it.
 */
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/server/db/client";
import { settings } from "@/lib/server/env";
import { CLIENT_IP_HEADER } from "@/lib/server/http/client-ip";
import { createNotebook } from "@/lib/server/notebooks/create";
import { POST as createClass } from "@/app/api/classes/route";
import { POST as saveVersion } from "@/app/api/notebooks/[id]/versions/route";
import { testBackends } from "../support/databases";
import { useRouteDatabase } from "../support/route-database";
import { signUpThroughRoute } from "../support/route-accounts";

const ORIGIN = "http://localhost:3000";
process.env.TANDEM_AUTH_SECRET = "integration-test-secret-0123456789abcdef";

let address = 0;
type Person = { id: string; email: string; cookie: string };

/** Each request from an address of its own: what is counted here is the account, not the address. */
function request(path: string, who: Person, body: unknown): Request {
  const headers = new Headers({ "content-type": "application/json", host: "localhost:3000", origin: ORIGIN, cookie: who.cookie });
  headers.set(CLIENT_IP_HEADER, `198.51.100.${(++address % 250) + 1}`);
  return new Request(`${ORIGIN}${path}`, { method: "POST", headers, body: JSON.stringify(body) });
}

/** The refusal every limit gives: 429, `rate_limited`, and when to come back (whole seconds). */
async function expectRefused(response: Response): Promise<void> {
  expect(response.status).toBe(429);
  expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(((await response.json()) as { code: string }).code).toBe("rate_limited");
}

const signUp = (name: string) => signUpThroughRoute(name);

for (const backend of testBackends()) {
  describe(`per-account route limits on ${backend.name}`, () => {
    useRouteDatabase(backend);

    it("refuses the version save after the limit, saving nothing, and only for that account", async () => {
      const limit = settings().limits.versionSave;
      const [ada, grace] = [await signUp("Ada"), await signUp("Grace")];
      const made = await createNotebook(getDb(), { title: "Drafts", ownerId: ada.id }, ada);
      if (!made.ok) throw new Error(made.message);
      const id = made.value.id;
      const save = (who: Person, name: string) => saveVersion(request(`/api/notebooks/${id}/versions`, who, { name }), { params: Promise.resolve({ id }) });

      for (let i = 1; i <= limit; i++) expect((await save(ada, `Draft ${i}`)).status, `save ${i}`).toBe(204);
      await expectRefused(await save(ada, "One too many"));
      const names = await getDb().notebookVersion.findMany({ where: { notebookId: id }, select: { name: true } });
      expect(names).toHaveLength(limit);
      expect(names.map((v) => v.name)).not.toContain("One too many");

      // Grace may edit it too (the link gives editing); her own count is untouched.
      expect((await save(grace, "Grace's")).status).toBe(204);
    });

    it("refuses the new class after the limit, making nothing, and only for that account", async () => {
      const limit = settings().limits.classCreate;
      const [tess, theo] = [await signUp("Tess"), await signUp("Theo")];
      const make = (who: Person, name: string) => createClass(request("/api/classes", who, { name }));

      for (let i = 1; i <= limit; i++) expect((await make(tess, `Class ${i}`)).status, `class ${i}`).toBe(200);
      await expectRefused(await make(tess, "One too many"));
      const teaching = await getDb().classroom.findMany({ where: { members: { some: { userId: tess.id } } }, select: { name: true } });
      expect(teaching).toHaveLength(limit);
      expect(teaching.map((c) => c.name)).not.toContain("One too many");

      expect((await make(theo, "Theo's")).status).toBe(200);
    });
  });
}
