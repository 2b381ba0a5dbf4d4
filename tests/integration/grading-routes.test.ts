/**
 * Grading through the real routes, sessions and databases: who may read what to grade, post a
 * grade and read the hidden checks (the class's teachers, a co-teacher included; nobody else, the
 * copy's own student included); that a grade is of the version handed in (its cells stay those of
 * the hand-in after the student edits, a newer hand-in refuses it with 409 and makes the stored one
 * stale); that a grade has exactly one result per check; that the grid shows it and the student
 * sees it only once returned; and that nothing a student's browser can ask for holds a hidden
 * check's code.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { insertCell, LOAD, setSource, snapshotNotebook, type CellId } from "@/lib/notebook";
import { setCellCheck } from "@/lib/notebook/checks";
import type { GradeSaved, GradingPayload } from "@/lib/classroom/grading-types";
import { classGrid, copyContext, myAssignments, studentAssignments } from "@/lib/server/classroom/progress";
import { changeDocument, readDocument } from "@/lib/server/documents/service";
import { getDb } from "@/lib/server/db/client";
import { CLIENT_IP_HEADER } from "@/lib/server/http/client-ip";
import { blankDocument, createNotebook } from "@/lib/server/notebooks/create";
import { listVersions, loadVersion } from "@/lib/server/notebooks/versions";
import { POST as createClass } from "@/app/api/classes/route";
import { POST as joinClass } from "@/app/api/classes/join/route";
import { POST as addTeacher } from "@/app/api/classes/[id]/teachers/route";
import { POST as assign } from "@/app/api/classes/[id]/assignments/route";
import { POST as openAssignment } from "@/app/api/assignments/[id]/open/route";
import { POST as submit } from "@/app/api/assignments/[id]/submit/route";
import { POST as unsubmit } from "@/app/api/assignments/[id]/unsubmit/route";
import { GET as grading } from "@/app/api/assignments/[id]/grading/route";
import { POST as postGrade } from "@/app/api/assignments/[id]/grades/route";
import { POST as returnCopy } from "@/app/api/copies/[id]/return/route";
import { GET as hiddenChecks } from "@/app/api/notebooks/[id]/hidden-checks/route";
import { GET as comments } from "@/app/api/notebooks/[id]/comments/route";
import { GET as sharing } from "@/app/api/notebooks/[id]/sharing/route";
import { GET as exportNotebook } from "@/app/(site)/n/[slug]/export/route";
import { GET as notebookState } from "@/app/(site)/n/[slug]/state/route";
import { testBackends } from "../support/databases";
import { useRouteDatabase } from "../support/route-database";
import { signUpThroughRoute, type RoutePerson } from "../support/route-accounts";

const ORIGIN = "http://localhost:3000";
process.env.TANDEM_AUTH_SECRET = "integration-test-secret-0123456789abcdef";

/** The hidden check's code, and a piece of it to look for in every answer a student gets. */
const HIDDEN = "assert cube(3) == 27, 'cube_is_off'";
const SECRET = "cube(3) == 27";
const VISIBLE = "assert cube(2) == 8";
const HANDED_IN = "def cube(x):\n    return x * x * x";
const EDITED_AFTER = "def cube(x):\n    return 0  # changed after the hand-in";

type Options = { origin?: string | null; cookie?: string | undefined };

function request(path: string, method: string, body?: unknown, { origin = ORIGIN, cookie }: Options = {}): Request {
  const headers = new Headers({ "content-type": "application/json", host: "localhost:3000", [CLIENT_IP_HEADER]: "203.0.113.30" });
  if (origin !== null) headers.set("origin", origin);
  if (cookie) headers.set("cookie", cookie);
  return new Request(`${ORIGIN}${path}`, { method, headers, body: method === "GET" ? undefined : JSON.stringify(body ?? {}) });
}
const params = <T extends object>(value: T) => ({ params: Promise.resolve(value) });

interface World {
  tess: RoutePerson;
  theo: RoutePerson;
  ann: RoutePerson;
  ben: RoutePerson;
  eve: RoutePerson;
  classId: string;
  assignmentId: string;
  otherAssignmentId: string;
  codeId: string;
  visibleId: string;
  hiddenId: string;
  annCopy: { id: string; notebookId: string; slug: string };
  benCopy: { id: string; notebookId: string; slug: string };
}

for (const backend of testBackends()) {
  describe(`grading routes on ${backend.name}`, () => {
    useRouteDatabase(backend);
    const w = {} as World;

    const readGrading = (cookie: string | undefined, id = w.assignmentId) => grading(request(`/api/assignments/${id}/grading`, "GET", undefined, { cookie }), params({ id }));
    const sendGrade = (cookie: string | undefined, body: unknown, { id = w.assignmentId, origin }: { id?: string; origin?: string | null } = {}) =>
      postGrade(request(`/api/assignments/${id}/grades`, "POST", body, { cookie, origin }), params({ id }));
    const readHidden = (cookie: string | undefined, id: string) => hiddenChecks(request(`/api/notebooks/${id}/hidden-checks`, "GET", undefined, { cookie }), params({ id }));
    const handIn = async (who: RoutePerson) => expect((await submit(request(`/api/assignments/${w.assignmentId}/submit`, "POST", {}, { cookie: who.cookie }), params({ id: w.assignmentId }))).status).toBe(204);
    const handedInVersion = async (copyId: string) => (await getDb().assignmentCopy.findUniqueOrThrow({ where: { id: copyId }, select: { handedInVersionId: true } })).handedInVersionId!;
    const results = (visible: boolean, hidden: boolean) => [
      { cellId: w.visibleId, passed: visible, message: visible ? null : "AssertionError" },
      { cellId: w.hiddenId, passed: hidden, message: hidden ? null : `AssertionError: cube_is_off (${SECRET})` },
    ];

    async function setCode(notebookId: string, text: string): Promise<void> {
      await changeDocument(notebookId, (doc: Y.Doc) => {
        setSource(doc, w.codeId as CellId, text, LOAD);
      });
    }

    async function openCopy(who: RoutePerson, assignmentId = w.assignmentId) {
      const opened = await openAssignment(request(`/api/assignments/${assignmentId}/open`, "POST", {}, { cookie: who.cookie }), params({ id: assignmentId }));
      expect(opened.status).toBe(200);
      const { slug } = (await opened.json()) as { slug: string };
      const row = await getDb().notebook.findUniqueOrThrow({ where: { slug }, select: { id: true, assignmentCopy: { select: { id: true } } } });
      return { id: row.assignmentCopy!.id, notebookId: row.id, slug };
    }

    beforeAll(async () => {
      [w.tess, w.theo, w.ann, w.ben, w.eve] = [await signUpThroughRoute("Tess"), await signUpThroughRoute("Theo"), await signUpThroughRoute("Ann"), await signUpThroughRoute("Ben"), await signUpThroughRoute("Eve")];
      const made = await createClass(request("/api/classes", "POST", { name: "Python 101" }, { cookie: w.tess.cookie }));
      w.classId = ((await made.json()) as { id: string }).id;
      const { joinCode } = await getDb().classroom.findUniqueOrThrow({ where: { id: w.classId }, select: { joinCode: true } });
      for (const student of [w.ann, w.ben]) expect((await joinClass(request("/api/classes/join", "POST", { code: joinCode }, { cookie: student.cookie }))).status).toBe(200);
      const added = await addTeacher(request(`/api/classes/${w.classId}/teachers`, "POST", { email: w.theo.email }, { cookie: w.tess.cookie }), params({ id: w.classId }));
      expect(added.status).toBe(204);

      const doc = blankDocument();
      insertCell(doc, { type: "markdown", source: "Write `cube`." }, LOAD);
      w.codeId = insertCell(doc, { type: "code", source: "def cube(x):\n    pass" }, LOAD);
      w.visibleId = insertCell(doc, { type: "code", source: VISIBLE }, LOAD);
      w.hiddenId = insertCell(doc, { type: "code", source: HIDDEN }, LOAD);
      setCellCheck(doc, w.visibleId as CellId, { hidden: false }, LOAD);
      setCellCheck(doc, w.hiddenId as CellId, { hidden: true }, LOAD);
      const source = await createNotebook(getDb(), { title: "Cubes", visibility: "private", ownerId: w.tess.id, document: doc }, { id: w.tess.id, email: w.tess.email });
      if (!source.ok) throw new Error(source.message);
      const assignTo = async (title: string) => {
        const response = await assign(request(`/api/classes/${w.classId}/assignments`, "POST", { notebook: source.value.slug, title }, { cookie: w.tess.cookie }), params({ id: w.classId }));
        expect(response.status).toBe(200);
        return ((await response.json()) as { id: string }).id;
      };
      w.assignmentId = await assignTo("Cubes");
      w.otherAssignmentId = await assignTo("Cubes again");

      w.annCopy = await openCopy(w.ann);
      w.benCopy = await openCopy(w.ben);
      await setCode(w.annCopy.notebookId, HANDED_IN);
      await handIn(w.ann);
    });

    it("refuses to assign a public notebook with hidden checks (any student could read them), and says what to do", async () => {
      const doc = blankDocument();
      const hidden = insertCell(doc, { type: "code", source: HIDDEN }, LOAD);
      setCellCheck(doc, hidden as CellId, { hidden: true }, LOAD);
      const open = await createNotebook(getDb(), { title: "Open cubes", visibility: "public", ownerId: w.tess.id, document: doc }, { id: w.tess.id, email: w.tess.email });
      if (!open.ok) throw new Error(open.message);
      const before = await getDb().assignment.count();
      const refused = await assign(request(`/api/classes/${w.classId}/assignments`, "POST", { notebook: open.value.slug, title: "Leaky" }, { cookie: w.tess.cookie }), params({ id: w.classId }));
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { message: string }).message).toMatch(/hidden checks, and it is public.*Make it private/);
      // A co-teacher who does not own it is told to fork it instead.
      const theos = await assign(request(`/api/classes/${w.classId}/assignments`, "POST", { notebook: open.value.slug, title: "Leaky" }, { cookie: w.theo.cookie }), params({ id: w.classId }));
      expect(((await theos.json()) as { message: string }).message).toMatch(/Fork it, keep your fork private/);
      expect(await getDb().assignment.count()).toBe(before);
    });

    it("gives what to grade to the class's teachers only, as handed in", async () => {
      for (const who of [w.ann, w.ben, w.eve]) {
        const refused = await readGrading(who.cookie);
        expect(refused.status).toBe(404);
        expect(await refused.text()).not.toContain(SECRET);
      }
      expect((await readGrading(undefined)).status).toBe(401);
      expect((await readGrading(w.tess.cookie, "no-such-assignment")).status).toBe(404);

      // Ann edits her copy after handing it in: the teacher grades what she handed in.
      await setCode(w.annCopy.notebookId, EDITED_AFTER);
      for (const teacher of [w.tess, w.theo]) {
        const response = await readGrading(teacher.cookie);
        expect(response.status).toBe(200);
        expect(response.headers.get("cache-control")).toBe("private, no-store");
        const payload = (await response.json()) as GradingPayload;
        expect(payload).toMatchObject({
          assignmentId: w.assignmentId,
          title: "Cubes",
          checks: [
            { cellId: w.visibleId, hidden: false },
            { cellId: w.hiddenId, hidden: true },
          ],
          hiddenChecks: [{ cellId: w.hiddenId, source: HIDDEN }],
        });
        // Ben has not handed in: only Ann's copy is there.
        expect(payload.copies).toHaveLength(1);
        const copy = payload.copies[0]!;
        expect(copy).toMatchObject({ copyId: w.annCopy.id, notebookId: w.annCopy.notebookId, studentName: "Ann", versionId: await handedInVersion(w.annCopy.id) });
        expect(new Date(copy.handedInAt).toISOString()).toBe(copy.handedInAt);
        expect(copy.cells.map((c) => c.id).slice(-3)).toEqual([w.codeId, w.visibleId, w.hiddenId]);
        expect(copy.cells.find((c) => c.type === "markdown")!.source).toBe("Write `cube`.");
        expect(copy.cells.find((c) => c.id === w.codeId)).toEqual({ id: w.codeId, type: "code", source: HANDED_IN });
        expect(copy.cells.find((c) => c.id === w.visibleId)!.source).toBe(VISIBLE);
        // The copy as handed in has no hidden code: it comes from hiddenChecks only.
        expect(copy.cells.find((c) => c.id === w.hiddenId)!.source).toBe("");
      }
      // What the copy holds now is the edit.
      const now = snapshotNotebook((await readDocument(w.annCopy.notebookId))!).cells.find((c) => c.id === w.codeId);
      expect(now!.source).toBe(EDITED_AFTER);

      // Once Ben hands in too, copies come in student-name order.
      await handIn(w.ben);
      const both = (await (await readGrading(w.tess.cookie)).json()) as GradingPayload;
      expect(both.copies.map((c) => c.studentName)).toEqual(["Ann", "Ben"]);
    });

    it("keeps the hidden checks' code to the class's teachers", async () => {
      for (const teacher of [w.tess, w.theo]) {
        const response = await readHidden(teacher.cookie, w.annCopy.notebookId);
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual([{ cellId: w.hiddenId, source: HIDDEN }]);
      }
      // The copy's own student included: nobody else reads it.
      for (const cookie of [w.ann.cookie, w.ben.cookie, w.eve.cookie, undefined]) {
        const refused = await readHidden(cookie, w.annCopy.notebookId);
        expect(refused.status).toBe(404);
        expect(await refused.text()).not.toContain(SECRET);
      }
      expect((await readHidden(w.ben.cookie, w.benCopy.notebookId)).status).toBe(404);
    });

    it("takes a grade from the class's teachers only, of the current hand-in, with one result per check", async () => {
      const versionId = await handedInVersion(w.annCopy.id);
      const body = { copyId: w.annCopy.id, versionId, results: results(true, false) };
      expect((await sendGrade(w.tess.cookie, body, { origin: "https://evil.example" })).status).toBe(403);
      expect((await sendGrade(w.tess.cookie, body, { origin: "null" })).status).toBe(403);
      expect((await sendGrade(undefined, body)).status).toBe(401);
      for (const who of [w.ann, w.ben, w.eve]) expect((await sendGrade(who.cookie, body)).status).toBe(404);
      expect(await getDb().grade.count()).toBe(0);

      // The copy must be of this assignment.
      expect((await sendGrade(w.tess.cookie, body, { id: w.otherAssignmentId })).status).toBe(404);
      expect((await sendGrade(w.tess.cookie, { ...body, copyId: "no-such-copy" })).status).toBe(404);

      // Exactly one result per check, visible and hidden.
      const wrong = async (resultsSent: unknown, says: string) => {
        const response = await sendGrade(w.tess.cookie, { ...body, results: resultsSent });
        expect(response.status).toBe(400);
        expect(((await response.json()) as { message: string }).message).toContain(says);
      };
      await wrong([results(true, false)[0]], `No result for check ${w.hiddenId}`);
      await wrong([], "No result for checks");
      await wrong([...results(true, false), { cellId: w.codeId, passed: true, message: null }], `Cell ${w.codeId} is not a check`);
      await wrong([...results(true, false), results(true, false)[1]], `Check ${w.hiddenId} has more than one result`);
      await wrong([{ cellId: w.visibleId, passed: "yes", message: null }, results(true, false)[1]], "passed");
      await wrong([{ cellId: w.visibleId, passed: false, message: "x".repeat(2_001) }, results(true, false)[1]], "at most 2000 characters");
      expect(await getDb().grade.count()).toBe(0);

      const graded = await sendGrade(w.tess.cookie, body);
      expect(graded.status).toBe(200);
      const saved = (await graded.json()) as GradeSaved;
      expect(saved).toMatchObject({ passed: 1, total: 2 });
      const row = await getDb().grade.findUniqueOrThrow({ where: { copyId: w.annCopy.id } });
      expect(row).toMatchObject({ versionId, gradedById: w.tess.id, passed: 1, total: 2, results: results(true, false) });
      expect(row.gradedAt.toISOString()).toBe(saved.gradedAt);

      // The co-teacher grades again, results in any order: one grade, replaced, in notebook order.
      await new Promise((resolve) => setTimeout(resolve, 5));
      const again = await sendGrade(w.theo.cookie, { ...body, results: results(true, true).reverse() });
      expect(again.status).toBe(200);
      const regraded = (await again.json()) as GradeSaved;
      expect(regraded).toMatchObject({ passed: 2, total: 2 });
      expect(new Date(regraded.gradedAt).getTime()).toBeGreaterThan(new Date(saved.gradedAt).getTime());
      expect(await getDb().grade.count()).toBe(1);
      expect(await getDb().grade.findUniqueOrThrow({ where: { copyId: w.annCopy.id } })).toMatchObject({ gradedById: w.theo.id, passed: 2, results: results(true, true) });

      // A message may be absent (read as null).
      expect((await sendGrade(w.tess.cookie, { ...body, results: [{ cellId: w.visibleId, passed: true }, { cellId: w.hiddenId, passed: false, message: "cube_is_off" }] })).status).toBe(200);
      expect((await getDb().grade.findUniqueOrThrow({ where: { copyId: w.annCopy.id } })).results).toEqual([
        { cellId: w.visibleId, passed: true, message: null },
        { cellId: w.hiddenId, passed: false, message: "cube_is_off" },
      ]);
    });

    it("shows the grade on the grid, to the student once returned, and stale after a new hand-in", async () => {
      const versionId = await handedInVersion(w.annCopy.id);
      expect((await sendGrade(w.tess.cookie, { copyId: w.annCopy.id, versionId, results: results(true, false) })).status).toBe(200);

      const gridGrade = async () => (await classGrid(getDb(), w.theo.id, w.classId))!.progress[w.assignmentId]![w.ann.id]!.grade;
      expect(await gridGrade()).toMatchObject({ passed: 1, total: 2, gradedBy: "Tess", stale: false });
      expect((await classGrid(getDb(), w.theo.id, w.classId))!.progress[w.assignmentId]![w.ben.id]!.grade).toBeNull();
      expect((await copyContext(getDb(), w.tess.id, w.annCopy.notebookId))!.progress.grade).toMatchObject({ passed: 1, total: 2 });

      // Handed in, not returned: the student is not told yet, anywhere.
      const studentGrades = async () => [
        (await copyContext(getDb(), w.ann.id, w.annCopy.notebookId))!.progress.grade,
        (await studentAssignments(getDb(), w.ann.id, w.classId))!.find((a) => a.assignment.id === w.assignmentId)!.progress.grade,
        (await myAssignments(getDb(), w.ann.id)).find((a) => a.assignment.id === w.assignmentId)!.progress.grade,
      ];
      expect(await studentGrades()).toEqual([null, null, null]);

      expect((await returnCopy(request(`/api/copies/${w.annCopy.id}/return`, "POST", { note: "See the grade" }, { cookie: w.tess.cookie }), params({ id: w.annCopy.id }))).status).toBe(204);
      for (const grade of await studentGrades()) expect(grade).toMatchObject({ passed: 1, total: 2, gradedBy: "Tess", stale: false });
      // Never the check's messages: the hidden check's failure could quote its code.
      expect(JSON.stringify(await copyContext(getDb(), w.ann.id, w.annCopy.notebookId))).not.toContain(SECRET);

      // Ann hands in again: the grade is of the earlier hand-in, and posting it for that one is refused.
      await handIn(w.ann);
      const newVersion = await handedInVersion(w.annCopy.id);
      expect(newVersion).not.toBe(versionId);
      expect(await gridGrade()).toMatchObject({ passed: 1, total: 2, stale: true });
      expect(await studentGrades()).toEqual([null, null, null]);
      const stale = await sendGrade(w.tess.cookie, { copyId: w.annCopy.id, versionId, results: results(true, true) });
      expect(stale.status).toBe(409);
      expect(((await stale.json()) as { message: string }).message).toContain("Ann has handed in again since: grade the new hand-in");
      const payload = (await (await readGrading(w.tess.cookie)).json()) as GradingPayload;
      expect(payload.copies.find((c) => c.copyId === w.annCopy.id)!.versionId).toBe(newVersion);
      expect((await sendGrade(w.tess.cookie, { copyId: w.annCopy.id, versionId: newVersion, results: results(true, true) })).status).toBe(200);
      expect(await gridGrade()).toMatchObject({ passed: 2, total: 2, stale: false });

      // Taken back, it is not graded until handed in again; nor is it offered for grading.
      expect((await unsubmit(request(`/api/assignments/${w.assignmentId}/unsubmit`, "POST", {}, { cookie: w.ann.cookie }), params({ id: w.assignmentId }))).status).toBe(204);
      const takenBack = await sendGrade(w.tess.cookie, { copyId: w.annCopy.id, versionId: newVersion, results: results(true, true) });
      expect(takenBack.status).toBe(409);
      const offered = (await (await readGrading(w.tess.cookie)).json()) as GradingPayload;
      expect(offered.copies.map((c) => c.studentName)).toEqual(["Ben"]);
      await handIn(w.ann);
    });

    it("never answers a student with a hidden check's code", async () => {
      const bodies: string[] = [];
      const keep = async (response: Response) => {
        bodies.push(Buffer.from(await response.arrayBuffer()).toString("latin1"));
        return response.status;
      };
      for (const { who, copy } of [
        { who: w.ann, copy: w.annCopy },
        { who: w.ben, copy: w.benCopy },
      ]) {
        const id = copy.notebookId;
        const slug = copy.slug;
        expect(await keep(await notebookState(request(`/n/${slug}/state`, "GET", undefined, { cookie: who.cookie }), params({ slug })))).toBe(200);
        for (const format of ["ipynb", "py"]) {
          expect(await keep(await exportNotebook(request(`/n/${slug}/export?format=${format}`, "GET", undefined, { cookie: who.cookie }), params({ slug })))).toBe(200);
        }
        expect(await keep(await comments(request(`/api/notebooks/${id}/comments`, "GET", undefined, { cookie: who.cookie }), params({ id })))).toBe(200);
        await keep(await sharing(request(`/api/notebooks/${id}/sharing`, "GET", undefined, { cookie: who.cookie }), params({ id })));
        expect(await keep(await readHidden(who.cookie, id))).toBe(404);
        expect(await keep(await readGrading(who.cookie))).toBe(404);
        // What their pages render: the copy's facts, their assignments, the versions (the hand-in's too).
        const viewer = { id: who.id, email: who.email };
        bodies.push(JSON.stringify(await copyContext(getDb(), who.id, id)), JSON.stringify(await studentAssignments(getDb(), who.id, w.classId)), JSON.stringify(await myAssignments(getDb(), who.id)));
        const versions = await listVersions(getDb(), viewer, slug);
        expect(versions!.versions.length).toBeGreaterThan(0);
        for (const v of versions!.versions) {
          const loaded = await loadVersion(getDb(), viewer, slug, v.id);
          bodies.push(JSON.stringify(loaded!.diff), Buffer.from(loaded!.version.snapshot).toString("latin1"));
        }
      }
      expect(bodies.length).toBeGreaterThan(10);
      for (const body of bodies) expect(body).not.toContain(SECRET);
    });
  });
}
