/**
 * The classroom's routes with real sessions and databases: every state change refuses other sites
 * (`Origin: null` included) before anything happens, a guest is asked to sign in, a bad body is a
 * 400 that says what is wrong, and someone outside a class finds nothing of it (404) — its
 * assignments, its copies and their hidden checks included (which its students do not read either).
 */
import { describe, expect, it } from "vitest";
import { insertCell, LOAD } from "@/lib/notebook";
import { setCellCheck } from "@/lib/notebook/checks";
import { getDb } from "@/lib/server/db/client";
import { CLIENT_IP_HEADER } from "@/lib/server/http/client-ip";
import { blankDocument, createNotebook } from "@/lib/server/notebooks/create";
import { POST as createClass } from "@/app/api/classes/route";
import { POST as joinClass } from "@/app/api/classes/join/route";
import { POST as assign } from "@/app/api/classes/[id]/assignments/route";
import { DELETE as removeMember } from "@/app/api/classes/[id]/members/[userId]/route";
import { POST as openAssignment } from "@/app/api/assignments/[id]/open/route";
import { POST as submit } from "@/app/api/assignments/[id]/submit/route";
import { POST as returnCopy } from "@/app/api/copies/[id]/return/route";
import { GET as hiddenChecks } from "@/app/api/notebooks/[id]/hidden-checks/route";
import { testBackends } from "../support/databases";
import { useRouteDatabase } from "../support/route-database";
import { signUpThroughRoute } from "../support/route-accounts";

const ORIGIN = "http://localhost:3000";
process.env.TANDEM_AUTH_SECRET = "integration-test-secret-0123456789abcdef";

type Options = { origin?: string | null; cookie?: string; body?: string };

function request(path: string, method: string, body: unknown, { origin = ORIGIN, cookie, body: raw }: Options = {}): Request {
  const headers = new Headers({ "content-type": "application/json", host: "localhost:3000", [CLIENT_IP_HEADER]: "203.0.113.20" });
  if (origin !== null) headers.set("origin", origin);
  if (cookie) headers.set("cookie", cookie);
  return new Request(`${ORIGIN}${path}`, { method, headers, body: method === "GET" ? undefined : (raw ?? JSON.stringify(body)) });
}

const params = <T extends object>(value: T) => ({ params: Promise.resolve(value) });

const signUp = (name: string) => signUpThroughRoute(name);

for (const backend of testBackends()) {
  describe(`classroom routes on ${backend.name}`, () => {
    useRouteDatabase(backend);

    it("guards every classroom route", async () => {
      const [tess, ann, eve] = [await signUp("Tess"), await signUp("Ann"), await signUp("Eve")];

      // Cross-site and Origin: null are refused before anything is made; a guest must sign in.
      for (const origin of ["https://evil.example", "null"]) {
        expect((await createClass(request("/api/classes", "POST", { name: "Sneaky" }, { origin, cookie: tess.cookie }))).status).toBe(403);
      }
      expect((await createClass(request("/api/classes", "POST", { name: "Anon" }))).status).toBe(401);
      const bad = await createClass(request("/api/classes", "POST", null, { cookie: tess.cookie, body: "{ nope" }));
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { message: string }).message).toContain("not valid JSON");
      expect((await createClass(request("/api/classes", "POST", { name: 7 }, { cookie: tess.cookie }))).status).toBe(400);
      expect(await getDb().classroom.count()).toBe(0);

      const made = await createClass(request("/api/classes", "POST", { name: "Python 101" }, { cookie: tess.cookie }));
      const { id: classId } = (await made.json()) as { id: string };
      const { joinCode } = await getDb().classroom.findUniqueOrThrow({ where: { id: classId }, select: { joinCode: true } });
      expect((await joinClass(request("/api/classes/join", "POST", { code: "WRONGCOD" }, { cookie: ann.cookie }))).status).toBe(404);
      expect((await joinClass(request("/api/classes/join", "POST", { code: joinCode }, { origin: "null", cookie: ann.cookie }))).status).toBe(403);
      expect((await joinClass(request("/api/classes/join", "POST", { code: joinCode }, { cookie: ann.cookie }))).status).toBe(200);

      const doc = blankDocument();
      const hiddenId = insertCell(doc, { type: "code", source: "assert secret_answer == 42" }, LOAD);
      setCellCheck(doc, hiddenId, { hidden: true }, LOAD);
      const source = await createNotebook(getDb(), { title: "Quiz", visibility: "private", ownerId: tess.id, document: doc }, { id: tess.id, email: tess.email });
      if (!source.ok) throw new Error(source.message);

      // Only the class's teachers assign, and only what they may read.
      const assignBody = { notebook: source.value.slug, title: "Quiz" };
      expect((await assign(request(`/api/classes/${classId}/assignments`, "POST", assignBody, { cookie: eve.cookie }), params({ id: classId }))).status).toBe(404);
      expect((await assign(request(`/api/classes/${classId}/assignments`, "POST", assignBody, { cookie: ann.cookie }), params({ id: classId }))).status).toBe(404);
      expect((await assign(request(`/api/classes/${classId}/assignments`, "POST", { title: "x" }, { cookie: tess.cookie }), params({ id: classId }))).status).toBe(400);
      const assigned = await assign(request(`/api/classes/${classId}/assignments`, "POST", assignBody, { cookie: tess.cookie }), params({ id: classId }));
      expect(assigned.status).toBe(200);
      const { id: assignmentId } = (await assigned.json()) as { id: string };

      // A stranger can neither open nor hand in; the student opens their own copy.
      expect((await openAssignment(request(`/api/assignments/${assignmentId}/open`, "POST", {}, { cookie: eve.cookie }), params({ id: assignmentId }))).status).toBe(404);
      const opened = await openAssignment(request(`/api/assignments/${assignmentId}/open`, "POST", {}, { cookie: ann.cookie }), params({ id: assignmentId }));
      const { slug } = (await opened.json()) as { slug: string };
      expect((await openAssignment(request(`/api/assignments/${assignmentId}/open`, "POST", {}, { cookie: tess.cookie }), params({ id: assignmentId }))).status).toBe(409);
      expect((await submit(request(`/api/assignments/${assignmentId}/submit`, "POST", {}, { cookie: eve.cookie }), params({ id: assignmentId }))).status).toBe(404);
      expect((await submit(request(`/api/assignments/${assignmentId}/submit`, "POST", {}, { cookie: ann.cookie }), params({ id: assignmentId }))).status).toBe(204);

      // The hidden check's code: the class's teachers, nobody else (the copy's own student neither:
      // grading runs in the teacher's browser, grading-routes.test.ts); never from the source.
      const copy = await getDb().notebook.findUniqueOrThrow({ where: { slug }, select: { id: true, assignmentCopy: { select: { id: true } } } });
      const checksFor = (cookie: string | undefined, id = copy.id) => hiddenChecks(request(`/api/notebooks/${id}/hidden-checks`, "GET", null, { cookie }), params({ id }));
      expect(await (await checksFor(tess.cookie)).json()).toEqual([{ cellId: hiddenId, source: "assert secret_answer == 42" }]);
      for (const cookie of [ann.cookie, eve.cookie, undefined]) {
        const refused = await checksFor(cookie);
        expect(refused.status).toBe(404);
        expect(await refused.text()).not.toContain("secret_answer");
      }
      expect((await checksFor(tess.cookie, source.value.id)).status).toBe(404);

      // Returning is the teachers'; removing members too.
      const copyId = copy.assignmentCopy!.id;
      expect((await returnCopy(request(`/api/copies/${copyId}/return`, "POST", { note: "mine" }, { cookie: ann.cookie }), params({ id: copyId }))).status).toBe(404);
      expect((await returnCopy(request(`/api/copies/${copyId}/return`, "POST", { note: "Well done" }, { cookie: tess.cookie }), params({ id: copyId }))).status).toBe(204);
      expect((await removeMember(request(`/api/classes/${classId}/members/${ann.id}`, "DELETE", {}, { cookie: eve.cookie }), params({ id: classId, userId: ann.id }))).status).toBe(404);
      expect((await removeMember(request(`/api/classes/${classId}/members/${ann.id}`, "DELETE", {}, { cookie: tess.cookie }), params({ id: classId, userId: ann.id }))).status).toBe(204);
    });
  });
}
