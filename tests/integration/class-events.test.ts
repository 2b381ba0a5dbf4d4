/**
 * The class page's live stream (GET /api/classes/<id>/events) with real sessions and databases:
 * members get a stream that says "change" when a student hands in; anyone else gets 404, and a
 * guest is asked to sign in. Closing the stream stops listening.
 */
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/server/db/client";
import { classListeners } from "@/lib/server/classroom/class-events";
import { CLIENT_IP_HEADER } from "@/lib/server/http/client-ip";
import { blankDocument, createNotebook } from "@/lib/server/notebooks/create";
import { POST as createClass } from "@/app/api/classes/route";
import { POST as joinClass } from "@/app/api/classes/join/route";
import { POST as assign } from "@/app/api/classes/[id]/assignments/route";
import { GET as events } from "@/app/api/classes/[id]/events/route";
import { POST as openAssignment } from "@/app/api/assignments/[id]/open/route";
import { POST as submit } from "@/app/api/assignments/[id]/submit/route";
import { testBackends } from "../support/databases";
import { useRouteDatabase } from "../support/route-database";
import { signUpThroughRoute } from "../support/route-accounts";

const ORIGIN = "http://localhost:3000";
process.env.TANDEM_AUTH_SECRET = "integration-test-secret-0123456789abcdef";

function request(path: string, method: string, cookie: string | null, body?: unknown, signal?: AbortSignal): Request {
  const headers = new Headers({ "content-type": "application/json", host: "localhost:3000", origin: ORIGIN, [CLIENT_IP_HEADER]: "203.0.113.21" });
  if (cookie) headers.set("cookie", cookie);
  return new Request(`${ORIGIN}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
}

const params = <T extends object>(value: T) => ({ params: Promise.resolve(value) });

/** Reads the stream until `text` has arrived (or fails after a few seconds). */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, text: string): Promise<string> {
  const decoder = new TextDecoder();
  let seen = "";
  const deadline = Date.now() + 5_000;
  while (!seen.includes(text)) {
    if (Date.now() > deadline) throw new Error(`"${text}" did not arrive; got ${JSON.stringify(seen)}`);
    const { value, done } = await reader.read();
    if (done) throw new Error(`the stream ended before "${text}"; got ${JSON.stringify(seen)}`);
    seen += decoder.decode(value, { stream: true });
  }
  return seen;
}

for (const backend of testBackends()) {
  describe(`the class events stream on ${backend.name}`, () => {
    useRouteDatabase(backend);

    it("tells the class's members of a hand-in, and nobody else anything", async () => {
      const [tess, ann, eve] = [await signUpThroughRoute("Tess"), await signUpThroughRoute("Ann"), await signUpThroughRoute("Eve")];
      const { id: classId } = (await (await createClass(request("/api/classes", "POST", tess.cookie, { name: "Python 101" }))).json()) as { id: string };
      const { joinCode } = await getDb().classroom.findUniqueOrThrow({ where: { id: classId }, select: { joinCode: true } });
      expect((await joinClass(request("/api/classes/join", "POST", ann.cookie, { code: joinCode }))).status).toBe(200);
      const source = await createNotebook(getDb(), { title: "Squares", visibility: "private", ownerId: tess.id, document: blankDocument() }, { id: tess.id, email: tess.email });
      if (!source.ok) throw new Error(source.message);
      const made = await assign(request(`/api/classes/${classId}/assignments`, "POST", tess.cookie, { notebook: source.value.slug, title: "Squares" }), params({ id: classId }));
      const { id: assignmentId } = (await made.json()) as { id: string };

      expect((await events(request(`/api/classes/${classId}/events`, "GET", eve.cookie), params({ id: classId }))).status).toBe(404);
      expect((await events(request(`/api/classes/${classId}/events`, "GET", null), params({ id: classId }))).status).toBe(401);

      const abort = new AbortController();
      const stream = await events(request(`/api/classes/${classId}/events`, "GET", tess.cookie, undefined, abort.signal), params({ id: classId }));
      expect(stream.status).toBe(200);
      expect(stream.headers.get("content-type")).toContain("text/event-stream");
      const reader = stream.body!.getReader();
      await readUntil(reader, ": connected");
      expect(classListeners(classId)).toBe(1);

      expect((await openAssignment(request(`/api/assignments/${assignmentId}/open`, "POST", ann.cookie, {}), params({ id: assignmentId }))).status).toBe(200);
      await readUntil(reader, "event: change");
      expect((await submit(request(`/api/assignments/${assignmentId}/submit`, "POST", ann.cookie, {}), params({ id: assignmentId }))).status).toBe(204);
      await readUntil(reader, "event: change");

      abort.abort();
      await reader.cancel().catch(() => undefined);
      await expect.poll(() => classListeners(classId)).toBe(0);
    });
  });
}
