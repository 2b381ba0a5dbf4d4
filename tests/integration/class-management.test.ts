/**
 * Running a course through the routes, with real sessions and databases: only a class's teachers
 * edit or delete an assignment and rename or delete the class; a student leaves; everyone else
 * finds nothing (404), a guest is asked to sign in, other sites are refused. Deleting keeps every
 * student's copy as their own notebook, and ends the teachers' reach into it. The gradebook's CSV
 * is the teachers' only.
 */
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/server/db/client";
import { CLIENT_IP_HEADER } from "@/lib/server/http/client-ip";
import { blankDocument, createNotebook } from "@/lib/server/notebooks/create";
import { findReadable } from "@/lib/server/notebooks/readable";
import { POST as createClass } from "@/app/api/classes/route";
import { POST as joinClass } from "@/app/api/classes/join/route";
import { DELETE as deleteClass, PATCH as renameClass } from "@/app/api/classes/[id]/route";
import { POST as leave } from "@/app/api/classes/[id]/leave/route";
import { GET as gradebook } from "@/app/api/classes/[id]/gradebook/route";
import { POST as addTeacher } from "@/app/api/classes/[id]/teachers/route";
import { POST as assign } from "@/app/api/classes/[id]/assignments/route";
import { DELETE as deleteAssignment, PATCH as editAssignment } from "@/app/api/assignments/[id]/route";
import { POST as openAssignment } from "@/app/api/assignments/[id]/open/route";
import { POST as submit } from "@/app/api/assignments/[id]/submit/route";
import { POST as unsubmit } from "@/app/api/assignments/[id]/unsubmit/route";
import { testBackends } from "../support/databases";
import { useRouteDatabase } from "../support/route-database";
import { signUpThroughRoute } from "../support/route-accounts";

const ORIGIN = "http://localhost:3000";
process.env.TANDEM_AUTH_SECRET = "integration-test-secret-0123456789abcdef";

function request(path: string, method: string, cookie: string | null, body: unknown = {}, origin: string = ORIGIN): Request {
  const headers = new Headers({ "content-type": "application/json", host: "localhost:3000", origin, [CLIENT_IP_HEADER]: "203.0.113.22" });
  if (cookie) headers.set("cookie", cookie);
  return new Request(`${ORIGIN}${path}`, { method, headers, body: method === "GET" ? undefined : JSON.stringify(body) });
}

const params = <T extends object>(value: T) => ({ params: Promise.resolve(value) });

for (const backend of testBackends()) {
  describe(`running a course on ${backend.name}`, () => {
    useRouteDatabase(backend);

    async function course() {
      const [tess, tom, ann, eve] = [await signUpThroughRoute("Tess"), await signUpThroughRoute("Tom"), await signUpThroughRoute("Ann"), await signUpThroughRoute("Eve")];
      const { id: classId } = (await (await createClass(request("/api/classes", "POST", tess.cookie, { name: "Python 101" }))).json()) as { id: string };
      const { joinCode } = await getDb().classroom.findUniqueOrThrow({ where: { id: classId }, select: { joinCode: true } });
      expect((await joinClass(request("/api/classes/join", "POST", ann.cookie, { code: joinCode }))).status).toBe(200);
      expect((await addTeacher(request(`/api/classes/${classId}/teachers`, "POST", tess.cookie, { email: tom.email }), params({ id: classId }))).status).toBe(204);
      const source = await createNotebook(getDb(), { title: "Squares", visibility: "private", ownerId: tess.id, document: blankDocument() }, { id: tess.id, email: tess.email });
      if (!source.ok) throw new Error(source.message);
      const made = await assign(request(`/api/classes/${classId}/assignments`, "POST", tess.cookie, { notebook: source.value.slug, title: "Squares" }), params({ id: classId }));
      const { id: assignmentId } = (await made.json()) as { id: string };
      expect((await openAssignment(request(`/api/assignments/${assignmentId}/open`, "POST", ann.cookie), params({ id: assignmentId }))).status).toBe(200);
      const copy = await getDb().assignmentCopy.findFirstOrThrow({ where: { assignmentId }, select: { notebookId: true } });
      return { tess, tom, ann, eve, classId, assignmentId, copyNotebookId: copy.notebookId };
    }

    it("lets the class's teachers edit an assignment, and nobody else", async () => {
      const { tom, ann, eve, assignmentId } = await course();
      const path = `/api/assignments/${assignmentId}`;
      const edit = { title: "  Squares,   again ", instructions: "Use a loop.", dueAt: "2026-12-10T22:00:00.000Z" };
      for (const cookie of [ann.cookie, eve.cookie]) expect((await editAssignment(request(path, "PATCH", cookie, edit), params({ id: assignmentId }))).status).toBe(404);
      expect((await editAssignment(request(path, "PATCH", null, edit), params({ id: assignmentId }))).status).toBe(401);
      expect((await editAssignment(request(path, "PATCH", tom.cookie, edit, "null"), params({ id: assignmentId }))).status).toBe(403);
      expect((await editAssignment(request(path, "PATCH", tom.cookie, { title: "" }), params({ id: assignmentId }))).status).toBe(400);
      expect((await editAssignment(request(path, "PATCH", tom.cookie, { dueAt: "next Tuesday" }), params({ id: assignmentId }))).status).toBe(400);
      // A co-teacher edits: the title tidied, the due date an instant.
      expect((await editAssignment(request(path, "PATCH", tom.cookie, edit), params({ id: assignmentId }))).status).toBe(204);
      let row = await getDb().assignment.findUniqueOrThrow({ where: { id: assignmentId } });
      expect([row.title, row.instructions, row.dueAt?.toISOString()]).toEqual(["Squares, again", "Use a loop.", "2026-12-10T22:00:00.000Z"]);
      // Only what is sent changes; null clears the due date.
      expect((await editAssignment(request(path, "PATCH", tom.cookie, { dueAt: null }), params({ id: assignmentId }))).status).toBe(204);
      row = await getDb().assignment.findUniqueOrThrow({ where: { id: assignmentId } });
      expect([row.title, row.dueAt]).toEqual(["Squares, again", null]);
    });

    it("closes and reopens hand-ins: closed, a student can neither hand in nor take back", async () => {
      const { tess, ann, eve, assignmentId } = await course();
      const path = `/api/assignments/${assignmentId}`;
      const handIn = () => submit(request(`${path}/submit`, "POST", ann.cookie), params({ id: assignmentId }));
      for (const cookie of [ann.cookie, eve.cookie]) expect((await editAssignment(request(path, "PATCH", cookie, { closed: true }), params({ id: assignmentId }))).status).toBe(404);
      expect((await editAssignment(request(path, "PATCH", tess.cookie, { closed: true }), params({ id: assignmentId }))).status).toBe(204);
      const refused = await handIn();
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { message: string }).message).toBe("Your teacher has closed hand-ins for this assignment.");
      expect((await editAssignment(request(path, "PATCH", tess.cookie, { closed: false }), params({ id: assignmentId }))).status).toBe(204);
      expect((await handIn()).status).toBe(204);
      expect((await editAssignment(request(path, "PATCH", tess.cookie, { closed: true }), params({ id: assignmentId }))).status).toBe(204);
      expect((await unsubmit(request(`${path}/unsubmit`, "POST", ann.cookie), params({ id: assignmentId }))).status).toBe(400);
      expect((await getDb().assignmentCopy.findFirstOrThrow({ where: { assignmentId } })).status).toBe("submitted");
    });

    it("archives a class for its teachers only: no joins, no new work, no hand-ins; restoring undoes it", async () => {
      const { tess, ann, eve, classId, assignmentId } = await course();
      const path = `/api/classes/${classId}`;
      for (const cookie of [ann.cookie, eve.cookie]) expect((await renameClass(request(path, "PATCH", cookie, { archived: true }), params({ id: classId }))).status).toBe(404);
      expect((await renameClass(request(path, "PATCH", tess.cookie, { archived: true }), params({ id: classId }))).status).toBe(204);
      const { joinCode } = await getDb().classroom.findUniqueOrThrow({ where: { id: classId }, select: { joinCode: true } });
      const joined = await joinClass(request("/api/classes/join", "POST", eve.cookie, { code: joinCode }));
      expect(joined.status).toBe(400);
      expect(((await joined.json()) as { message: string }).message).toContain("archived");
      const source = await createNotebook(getDb(), { title: "More", visibility: "private", ownerId: tess.id, document: blankDocument() }, { id: tess.id, email: tess.email });
      if (!source.ok) throw new Error(source.message);
      expect((await assign(request(`${path}/assignments`, "POST", tess.cookie, { notebook: source.value.slug, title: "More" }), params({ id: classId }))).status).toBe(400);
      expect((await submit(request(`/api/assignments/${assignmentId}/submit`, "POST", ann.cookie), params({ id: assignmentId }))).status).toBe(400);
      // Restored: it all works again.
      expect((await renameClass(request(path, "PATCH", tess.cookie, { archived: false }), params({ id: classId }))).status).toBe(204);
      expect((await submit(request(`/api/assignments/${assignmentId}/submit`, "POST", ann.cookie), params({ id: assignmentId }))).status).toBe(204);
      expect((await joinClass(request("/api/classes/join", "POST", eve.cookie, { code: joinCode }))).status).toBe(200);
    });

    it("deletes an assignment for its teachers only, and every copy stays its student's", async () => {
      const { tess, ann, eve, assignmentId, copyNotebookId } = await course();
      const path = `/api/assignments/${assignmentId}`;
      for (const cookie of [ann.cookie, eve.cookie]) expect((await deleteAssignment(request(path, "DELETE", cookie), params({ id: assignmentId }))).status).toBe(404);
      expect(await getDb().assignment.count({ where: { id: assignmentId } })).toBe(1);
      expect(await findReadable(getDb(), { id: tess.id, email: tess.email }, { id: copyNotebookId })).not.toBeNull();
      expect((await deleteAssignment(request(path, "DELETE", tess.cookie), params({ id: assignmentId }))).status).toBe(204);
      expect(await getDb().assignment.count({ where: { id: assignmentId } })).toBe(0);
      // Ann keeps her notebook; the teacher's reach into it ends.
      expect(await findReadable(getDb(), { id: ann.id, email: ann.email }, { id: copyNotebookId })).not.toBeNull();
      expect(await findReadable(getDb(), { id: tess.id, email: tess.email }, { id: copyNotebookId })).toBeNull();
      expect((await deleteAssignment(request(path, "DELETE", tess.cookie), params({ id: assignmentId }))).status).toBe(404);
    });

    it("renames and deletes a class for its teachers only; a student leaves", async () => {
      const { tess, ann, eve, classId, copyNotebookId } = await course();
      const path = `/api/classes/${classId}`;
      for (const cookie of [ann.cookie, eve.cookie]) {
        expect((await renameClass(request(path, "PATCH", cookie, { name: "Mine now" }), params({ id: classId }))).status).toBe(404);
        expect((await deleteClass(request(path, "DELETE", cookie), params({ id: classId }))).status).toBe(404);
      }
      expect((await renameClass(request(path, "PATCH", tess.cookie, { name: " " }), params({ id: classId }))).status).toBe(400);
      expect((await renameClass(request(path, "PATCH", tess.cookie, { name: "Python 102" }), params({ id: classId }))).status).toBe(204);
      expect((await getDb().classroom.findUniqueOrThrow({ where: { id: classId } })).name).toBe("Python 102");

      // A stranger cannot leave what they are not in; a teacher leaves by the roster; Ann leaves.
      expect((await leave(request(`${path}/leave`, "POST", eve.cookie), params({ id: classId }))).status).toBe(404);
      expect((await leave(request(`${path}/leave`, "POST", tess.cookie), params({ id: classId }))).status).toBe(400);
      expect((await leave(request(`${path}/leave`, "POST", ann.cookie), params({ id: classId }))).status).toBe(204);
      expect(await getDb().classMember.count({ where: { classId, userId: ann.id } })).toBe(0);
      expect(await findReadable(getDb(), { id: ann.id, email: ann.email }, { id: copyNotebookId })).not.toBeNull();

      expect((await deleteClass(request(path, "DELETE", tess.cookie), params({ id: classId }))).status).toBe(204);
      expect(await getDb().classroom.count({ where: { id: classId } })).toBe(0);
      expect(await getDb().assignment.count({ where: { classId } })).toBe(0);
      expect(await findReadable(getDb(), { id: ann.id, email: ann.email }, { id: copyNotebookId })).not.toBeNull();
    });
  });
}

for (const backend of testBackends()) {
  describe(`the gradebook on ${backend.name}`, () => {
    useRouteDatabase(backend);

    it("gives the class's teachers a CSV of every student's status and grade, and nobody else anything", async () => {
      const [tess, ann, eve] = [await signUpThroughRoute("Tess"), await signUpThroughRoute("=Ann, \"the\" student", `ann-${Math.random().toString(36).slice(2)}@example.com`), await signUpThroughRoute("Eve")];
      const { id: classId } = (await (await createClass(request("/api/classes", "POST", tess.cookie, { name: "Python 101" }))).json()) as { id: string };
      const { joinCode } = await getDb().classroom.findUniqueOrThrow({ where: { id: classId }, select: { joinCode: true } });
      expect((await joinClass(request("/api/classes/join", "POST", ann.cookie, { code: joinCode }))).status).toBe(200);
      const source = await createNotebook(getDb(), { title: "Squares", visibility: "private", ownerId: tess.id, document: blankDocument() }, { id: tess.id, email: tess.email });
      if (!source.ok) throw new Error(source.message);
      const made = await assign(request(`/api/classes/${classId}/assignments`, "POST", tess.cookie, { notebook: source.value.slug, title: "Squares, part 1" }), params({ id: classId }));
      const { id: assignmentId } = (await made.json()) as { id: string };
      expect((await openAssignment(request(`/api/assignments/${assignmentId}/open`, "POST", ann.cookie), params({ id: assignmentId }))).status).toBe(200);

      const path = `/api/classes/${classId}/gradebook`;
      for (const cookie of [ann.cookie, eve.cookie]) expect((await gradebook(request(path, "GET", cookie), params({ id: classId }))).status).toBe(404);
      expect((await gradebook(request(path, "GET", null), params({ id: classId }))).status).toBe(401);
      const response = await gradebook(request(path, "GET", tess.cookie), params({ id: classId }));
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(response.headers.get("content-disposition")).toContain('filename="Python 101 grades.csv"');
      const lines = (await response.text()).split("\r\n");
      expect(lines[0]).toBe('Student,Email,"Squares, part 1: status","Squares, part 1: grade","Squares, part 1: points","Squares, part 1: out of","Squares, part 1: handed in (UTC)"');
      // The student's name, a would-be formula, is quoted and defused.
      expect(lines[1]).toBe(`"'=Ann, ""the"" student",${ann.email},In progress,,,10,`);
      expect(lines.slice(2)).toEqual([""]);
    });
  });
}
