/**
 * Points and scores through the real routes, sessions and databases: an assignment remembers each
 * check's points (1 when a check has none); a grade's points are the server's sum over the passed
 * checks, whatever the browser says; a teacher's own score of a copy (the class's teachers only,
 * a co-teacher included; 404 to anyone else, the copy's student included) overrides the grade's
 * points until cleared, within 0 and what the assignment is out of (its own points without
 * checks, which the assign and edit forms set); the student sees it once the copy is returned;
 * and the gradebook's CSV has each assignment's points and what it is out of.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { insertCell, LOAD, type CellId } from "@/lib/notebook";
import { readCheck, setCellCheck, type CheckSpec } from "@/lib/notebook/checks";
import type { GradeSaved } from "@/lib/classroom/grading-types";
import { onClassChanged } from "@/lib/server/classroom/class-events";
import { classGrid, copyContext, studentAssignments } from "@/lib/server/classroom/progress";
import { getDb } from "@/lib/server/db/client";
import { CLIENT_IP_HEADER } from "@/lib/server/http/client-ip";
import { blankDocument, createNotebook } from "@/lib/server/notebooks/create";
import { POST as createClass } from "@/app/api/classes/route";
import { POST as joinClass } from "@/app/api/classes/join/route";
import { POST as addTeacher } from "@/app/api/classes/[id]/teachers/route";
import { POST as assign } from "@/app/api/classes/[id]/assignments/route";
import { GET as gradebook } from "@/app/api/classes/[id]/gradebook/route";
import { PATCH as editAssignment } from "@/app/api/assignments/[id]/route";
import { POST as openAssignment } from "@/app/api/assignments/[id]/open/route";
import { POST as submit } from "@/app/api/assignments/[id]/submit/route";
import { POST as postGrade } from "@/app/api/assignments/[id]/grades/route";
import { DELETE as clearScore, PUT as putScore } from "@/app/api/assignments/[id]/copies/[copyId]/score/route";
import { POST as returnCopy } from "@/app/api/copies/[id]/return/route";
import { testBackends } from "../support/databases";
import { useRouteDatabase } from "../support/route-database";
import { signUpThroughRoute, type RoutePerson } from "../support/route-accounts";

const ORIGIN = "http://localhost:3000";
process.env.TANDEM_AUTH_SECRET = "integration-test-secret-0123456789abcdef";

function request(path: string, method: string, body: unknown, cookie: string | undefined): Request {
  const headers = new Headers({ "content-type": "application/json", host: "localhost:3000", origin: ORIGIN, [CLIENT_IP_HEADER]: "203.0.113.31" });
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
  /** Three checks: 2 points, 3 points (hidden), and one with no points (1). */
  checked: string;
  /** No checks: out of 20. */
  essay: string;
  twoId: string;
  threeId: string;
  oneId: string;
  annCopy: string;
  benCopy: string;
  annEssay: string;
}

for (const backend of testBackends()) {
  describe(`points and scores on ${backend.name}`, () => {
    useRouteDatabase(backend);
    const w = {} as World;

    const scoreUrl = (assignmentId: string, copyId: string) => `/api/assignments/${assignmentId}/copies/${copyId}/score`;
    const setScore = (cookie: string | undefined, assignmentId: string, copyId: string, body: unknown) =>
      putScore(request(scoreUrl(assignmentId, copyId), "PUT", body, cookie), params({ id: assignmentId, copyId }));
    const unsetScore = (cookie: string | undefined, assignmentId: string, copyId: string) =>
      clearScore(request(scoreUrl(assignmentId, copyId), "DELETE", {}, cookie), params({ id: assignmentId, copyId }));
    const message = async (response: Response) => ((await response.json()) as { message: string }).message;
    const gridOf = async (assignmentId: string, student: RoutePerson) => (await classGrid(getDb(), w.theo.id, w.classId))!.progress[assignmentId]![student.id]!;

    async function openCopy(who: RoutePerson, assignmentId: string): Promise<string> {
      const opened = await openAssignment(request(`/api/assignments/${assignmentId}/open`, "POST", {}, who.cookie), params({ id: assignmentId }));
      expect(opened.status).toBe(200);
      const { slug } = (await opened.json()) as { slug: string };
      return (await getDb().notebook.findUniqueOrThrow({ where: { slug }, select: { assignmentCopy: { select: { id: true } } } })).assignmentCopy!.id;
    }

    beforeAll(async () => {
      [w.tess, w.theo, w.ann, w.ben, w.eve] = [await signUpThroughRoute("Tess"), await signUpThroughRoute("Theo"), await signUpThroughRoute("Ann"), await signUpThroughRoute("Ben"), await signUpThroughRoute("Eve")];
      const made = await createClass(request("/api/classes", "POST", { name: "Python 101" }, w.tess.cookie));
      w.classId = ((await made.json()) as { id: string }).id;
      const { joinCode } = await getDb().classroom.findUniqueOrThrow({ where: { id: w.classId }, select: { joinCode: true } });
      for (const student of [w.ann, w.ben]) expect((await joinClass(request("/api/classes/join", "POST", { code: joinCode }, student.cookie))).status).toBe(200);
      expect((await addTeacher(request(`/api/classes/${w.classId}/teachers`, "POST", { email: w.theo.email }, w.tess.cookie), params({ id: w.classId }))).status).toBe(204);

      const doc = blankDocument();
      insertCell(doc, { type: "code", source: "def cube(x):\n    return x ** 3" }, LOAD);
      w.twoId = insertCell(doc, { type: "code", source: "assert cube(2) == 8" }, LOAD);
      w.threeId = insertCell(doc, { type: "code", source: "assert cube(3) == 27" }, LOAD);
      w.oneId = insertCell(doc, { type: "code", source: "assert cube(0) == 0" }, LOAD);
      setCellCheck(doc, w.twoId as CellId, { hidden: false, points: 2 }, LOAD);
      setCellCheck(doc, w.threeId as CellId, { hidden: true, points: 3 }, LOAD);
      setCellCheck(doc, w.oneId as CellId, { hidden: false }, LOAD);
      const source = await createNotebook(getDb(), { title: "Cubes", visibility: "private", ownerId: w.tess.id, document: doc }, { id: w.tess.id, email: w.tess.email });
      if (!source.ok) throw new Error(source.message);
      const essay = await createNotebook(getDb(), { title: "Essay", visibility: "private", ownerId: w.tess.id, document: blankDocument() }, { id: w.tess.id, email: w.tess.email });
      if (!essay.ok) throw new Error(essay.message);

      const assignTo = async (slug: string, title: string, points?: unknown) =>
        assign(request(`/api/classes/${w.classId}/assignments`, "POST", { notebook: slug, title, ...(points === undefined ? {} : { points }) }, w.tess.cookie), params({ id: w.classId }));
      w.checked = ((await (await assignTo(source.value.slug, "Cubes")).json()) as { id: string }).id;
      for (const bad of [0, -1, 10_001]) {
        const refused = await assignTo(essay.value.slug, "Essay", bad);
        expect(refused.status).toBe(400);
        expect(await message(refused)).toBe("An assignment is worth more than 0 and at most 10,000 points.");
      }
      const essayMade = await assignTo(essay.value.slug, "Essay", 20);
      expect(essayMade.status).toBe(200);
      w.essay = ((await essayMade.json()) as { id: string }).id;

      w.annCopy = await openCopy(w.ann, w.checked);
      w.benCopy = await openCopy(w.ben, w.checked);
      w.annEssay = await openCopy(w.ann, w.essay);
      expect((await submit(request(`/api/assignments/${w.checked}/submit`, "POST", {}, w.ann.cookie), params({ id: w.checked }))).status).toBe(204);
    });

    it("remembers each check's points at assign time, 1 for a check without any", async () => {
      const { checks, points } = await getDb().assignment.findUniqueOrThrow({ where: { id: w.checked }, select: { checks: true, points: true } });
      expect((checks as unknown as CheckSpec[]).map((c) => [c.cellId, c.points])).toEqual([
        [w.twoId, 2],
        [w.threeId, 3],
        [w.oneId, 1],
      ]);
      expect(points).toBe(10); // the default, unused while it has checks
      const grid = (await classGrid(getDb(), w.tess.id, w.classId))!;
      expect(grid.assignments.map((a) => [a.title, a.maxPoints])).toEqual([
        ["Cubes", 6],
        ["Essay", 20],
      ]);
      // An old check mark without points reads as 1; a bad one is not a check.
      expect(readCheck({ tandem: { check: { hidden: false } } })).toEqual({ hidden: false });
      expect(readCheck({ tandem: { check: { hidden: false, points: 0 } } })).toBeNull();
      expect(readCheck({ tandem: { check: { hidden: false, points: 1001 } } })).toBeNull();
      expect(readCheck({ tandem: { check: { hidden: true, points: 2.5 } } })).toEqual({ hidden: true, points: 2.5 });
    });

    it("sums the passed checks' points in a grade, from the assignment's checks and not the browser's word", async () => {
      const { handedInVersionId } = await getDb().assignmentCopy.findUniqueOrThrow({ where: { id: w.annCopy }, select: { handedInVersionId: true } });
      const body = {
        copyId: w.annCopy,
        versionId: handedInVersionId,
        results: [
          { cellId: w.twoId, passed: false, message: "AssertionError" },
          { cellId: w.threeId, passed: true, message: null },
          { cellId: w.oneId, passed: true, message: null },
        ],
        points: 999,
        maxPoints: 999,
      };
      const response = await postGrade(request(`/api/assignments/${w.checked}/grades`, "POST", body, w.tess.cookie), params({ id: w.checked }));
      expect(response.status).toBe(200);
      expect((await response.json()) as GradeSaved).toMatchObject({ passed: 2, total: 3, points: 4, maxPoints: 6 });
      expect(await getDb().grade.findUniqueOrThrow({ where: { copyId: w.annCopy }, select: { points: true, maxPoints: true } })).toEqual({ points: 4, maxPoints: 6 });
      expect((await gridOf(w.checked, w.ann)).score).toEqual({ points: 4, maxPoints: 6, override: null });
      expect((await gridOf(w.checked, w.ben)).score).toBeNull();
    });

    it("lets the class's teachers only set and clear a copy's score", async () => {
      // The copy's own student, another student and a stranger: no such assignment, whatever they send.
      for (const who of [w.ann, w.ben, w.eve]) {
        for (const body of [{ points: 5 }, { points: -3 }]) {
          const refused = await setScore(who.cookie, w.checked, w.annCopy, body);
          expect(refused.status).toBe(404);
          expect(await message(refused)).toBe("There is no such assignment.");
        }
        expect((await unsetScore(who.cookie, w.checked, w.annCopy)).status).toBe(404);
      }
      expect((await setScore(undefined, w.checked, w.annCopy, { points: 5 })).status).toBe(401);
      expect((await unsetScore(undefined, w.checked, w.annCopy)).status).toBe(401);
      expect((await setScore(w.tess.cookie, "no-such-assignment", w.annCopy, { points: 5 })).status).toBe(404);
      // A copy of another assignment is not one of this one's.
      const elsewhere = await setScore(w.tess.cookie, w.checked, w.annEssay, { points: 5 });
      expect(elsewhere.status).toBe(404);
      expect(await message(elsewhere)).toBe("There is no such copy in this assignment.");
      expect(await getDb().assignmentCopy.findUniqueOrThrow({ where: { id: w.annCopy }, select: { score: true } })).toEqual({ score: null });

      // Setting and clearing tell the class page (its grids) that something changed; refusals do not.
      let changes = 0;
      const stop = onClassChanged(w.classId, () => changes++);
      const before = new Date();
      expect((await setScore(w.tess.cookie, w.checked, w.annCopy, { points: 5.5, note: "  Neat work on the edge cases.  " })).status).toBe(204);
      expect(changes).toBe(1);
      const row = await getDb().assignmentCopy.findUniqueOrThrow({ where: { id: w.annCopy }, select: { score: true, scoreNote: true, scoredById: true, scoredAt: true } });
      expect(row).toMatchObject({ score: 5.5, scoreNote: "Neat work on the edge cases.", scoredById: w.tess.id });
      expect(row.scoredAt!.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
      expect((await gridOf(w.checked, w.ann)).score).toMatchObject({ points: 5.5, maxPoints: 6, override: { note: "Neat work on the edge cases.", by: "Tess" } });
      // The grade stays as graded beside it.
      expect((await gridOf(w.checked, w.ann)).grade).toMatchObject({ points: 4, maxPoints: 6 });

      // The co-teacher changes it (no note) and clears it: the grade's points show again.
      expect((await setScore(w.theo.cookie, w.checked, w.annCopy, { points: 6 })).status).toBe(204);
      expect((await gridOf(w.checked, w.ann)).score).toMatchObject({ points: 6, override: { note: null, by: "Theo" } });
      expect((await unsetScore(w.theo.cookie, w.checked, w.annCopy)).status).toBe(204);
      expect((await setScore(w.ann.cookie, w.checked, w.annCopy, { points: 1 })).status).toBe(404);
      expect(changes).toBe(3);
      stop();
      expect((await gridOf(w.checked, w.ann)).score).toEqual({ points: 4, maxPoints: 6, override: null });
      expect(await getDb().assignmentCopy.findUniqueOrThrow({ where: { id: w.annCopy }, select: { score: true, scoreNote: true, scoredById: true, scoredAt: true } })).toEqual({
        score: null,
        scoreNote: null,
        scoredById: null,
        scoredAt: null,
      });

      // A copy not graded (Ben's, not handed in) may be scored all the same.
      expect((await setScore(w.tess.cookie, w.checked, w.benCopy, { points: 0 })).status).toBe(204);
      expect((await gridOf(w.checked, w.ben)).score).toMatchObject({ points: 0, maxPoints: 6, override: { by: "Tess" } });
    });

    it("keeps a score within 0 and what the assignment is out of, with clear messages", async () => {
      for (const points of [-0.5, 6.01, 100]) {
        const refused = await setScore(w.tess.cookie, w.checked, w.annCopy, { points });
        expect(refused.status).toBe(400);
        expect(await message(refused)).toBe("A score is from 0 to 6 points.");
      }
      for (const body of [{ points: "5" }, { points: null }, {}, { points: 5, note: 7 }]) expect((await setScore(w.tess.cookie, w.checked, w.annCopy, body)).status).toBe(400);
      const long = await setScore(w.tess.cookie, w.checked, w.annCopy, { points: 3, note: "x".repeat(2_001) });
      expect(long.status).toBe(400);
      expect(await message(long)).toBe("A score's note has at most 2,000 characters.");

      // Without checks, it is out of the assignment's own points, which the teacher may edit.
      const essayMax = await setScore(w.tess.cookie, w.essay, w.annEssay, { points: 21 });
      expect(await message(essayMax)).toBe("A score is from 0 to 20 points.");
      expect((await setScore(w.tess.cookie, w.essay, w.annEssay, { points: 20 })).status).toBe(204);
      const patch = (body: unknown, cookie = w.tess.cookie) => editAssignment(request(`/api/assignments/${w.essay}`, "PATCH", body, cookie), params({ id: w.essay }));
      expect((await patch({ points: 0 })).status).toBe(400);
      expect((await patch({ points: 25 }, w.ann.cookie)).status).toBe(404);
      expect((await patch({ points: 25 })).status).toBe(204);
      expect((await patch({ title: "Essay" })).status).toBe(204); // other edits keep the points
      expect((await gridOf(w.essay, w.ann)).score).toMatchObject({ points: 20, maxPoints: 25 });
      expect((await setScore(w.tess.cookie, w.essay, w.annEssay, { points: 24.5 })).status).toBe(204);
    });

    it("shows the student their score once the copy is returned", async () => {
      expect((await setScore(w.tess.cookie, w.checked, w.annCopy, { points: 5, note: "Partial credit for the hidden case" })).status).toBe(204);
      const annNotebook = (await getDb().assignmentCopy.findUniqueOrThrow({ where: { id: w.annCopy }, select: { notebookId: true } })).notebookId;
      const seen = async () => [
        (await copyContext(getDb(), w.ann.id, annNotebook))!.progress.score,
        (await studentAssignments(getDb(), w.ann.id, w.classId))!.find((a) => a.assignment.id === w.checked)!.progress.score,
      ];
      expect(await seen()).toEqual([null, null]);
      expect((await copyContext(getDb(), w.tess.id, annNotebook))!.progress.score).toMatchObject({ points: 5 });
      expect((await returnCopy(request(`/api/copies/${w.annCopy}/return`, "POST", { note: "" }, w.tess.cookie), params({ id: w.annCopy }))).status).toBe(204);
      for (const score of await seen()) expect(score).toMatchObject({ points: 5, maxPoints: 6, override: { note: "Partial credit for the hidden case", by: "Tess" } });
    });

    it("puts each assignment's points and what it is out of in the gradebook", async () => {
      const response = await gradebook(request(`/api/classes/${w.classId}/gradebook`, "GET", undefined, w.tess.cookie), params({ id: w.classId }));
      expect(response.status).toBe(200);
      const lines = (await response.text()).split("\r\n");
      expect(lines[0]).toBe(
        "Student,Email,Cubes: status,Cubes: grade,Cubes: points,Cubes: out of,Cubes: handed in (UTC),Essay: status,Essay: grade,Essay: points,Essay: out of,Essay: handed in (UTC)",
      );
      expect(lines[1]).toMatch(new RegExp(`^Ann,${w.ann.email},Returned,2/3,5,6,\\d{4}-[^,]+,In progress,,24\\.5,25,$`));
      // Ben's score of 0 is a score, not an empty cell; his essay is not started.
      expect(lines[2]).toBe(`Ben,${w.ben.email},In progress,,0,6,,Not started,,,25,`);
      const refused = await gradebook(request(`/api/classes/${w.classId}/gradebook`, "GET", undefined, w.ann.cookie), params({ id: w.classId }));
      expect(refused.status).toBe(404);
    });
  });
}
