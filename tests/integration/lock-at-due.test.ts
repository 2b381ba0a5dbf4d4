/**
 * The lock at the due date (ADR 0006) on each database: the access rule on real rows before, at
 * and after a student's own instant (with and without an extension, and for a returned copy),
 * late/missing and unsubmitting by the student's own date, the due-date timer's plan and what it
 * locks when it fires, and the extension routes (the class's teachers only; 404 for everyone else).
 */
import { describe, expect, it } from "vitest";
import { createAssignment, openAssignment, returnCopy, submitCopy, unsubmitCopy } from "@/lib/server/classroom/assignments";
import { createClass, joinClass } from "@/lib/server/classroom/classes";
import { copiesLockingBetween, MAX_PLAN_MS, nextLockInstant, planDelay, startDeadlines } from "@/lib/server/classroom/deadlines";
import { setExtension } from "@/lib/server/classroom/extensions";
import { editAssignment } from "@/lib/server/classroom/manage";
import { classGrid, copyContext } from "@/lib/server/classroom/progress";
import { getDb } from "@/lib/server/db/client";
import { CLIENT_IP_HEADER } from "@/lib/server/http/client-ip";
import { accessSelect, canWrite, roleOf, type AccessViewer } from "@/lib/server/notebooks/access";
import { blankDocument, createNotebook } from "@/lib/server/notebooks/create";
import { POST as assignRoute } from "@/app/api/classes/[id]/assignments/route";
import { PATCH as editRoute } from "@/app/api/assignments/[id]/route";
import { DELETE as clearRoute, PUT as extendRoute } from "@/app/api/assignments/[id]/extensions/[studentId]/route";
import { testBackends } from "../support/databases";
import { useRouteDatabase } from "../support/route-database";
import { ROUTE_ORIGIN, signUpThroughRoute, type RoutePerson } from "../support/route-accounts";

process.env.TANDEM_AUTH_SECRET = "integration-test-secret-0123456789abcdef";

const DUE = new Date("2027-03-01T17:00:00.000Z");
const EXTENDED = new Date("2027-03-03T17:00:00.000Z");
const at = (date: Date, ms: number) => new Date(date.getTime() + ms);

function request(path: string, method: string, cookie: string | null, body: unknown = {}, origin = ROUTE_ORIGIN): Request {
  const headers = new Headers({ "content-type": "application/json", host: "localhost:3000", origin, [CLIENT_IP_HEADER]: "203.0.113.40" });
  if (cookie) headers.set("cookie", cookie);
  return new Request(`${ROUTE_ORIGIN}${path}`, { method, headers, body: method === "GET" ? undefined : JSON.stringify(body) });
}
const params = <T extends object>(value: T) => ({ params: Promise.resolve(value) });

for (const backend of testBackends()) {
  describe(`locking copies at the due date on ${backend.name}`, () => {
    useRouteDatabase(backend);

    /** A class taught by Tess with students Ann and Ben, an assignment due at DUE, and both students' copies. */
    async function course(options: { lockAtDue?: boolean; dueAt?: Date } = {}) {
      const [tess, ann, ben, eve] = [await signUpThroughRoute("Tess"), await signUpThroughRoute("Ann"), await signUpThroughRoute("Ben"), await signUpThroughRoute("Eve")];
      const klass = await createClass(getDb(), tess.id, "Python 101");
      if (!klass.ok) throw new Error(klass.message);
      const { joinCode } = await getDb().classroom.findUniqueOrThrow({ where: { id: klass.value.id }, select: { joinCode: true } });
      for (const s of [ann, ben]) expect((await joinClass(getDb(), s.id, joinCode)).ok).toBe(true);
      const source = await createNotebook(getDb(), { title: "Squares", visibility: "private", ownerId: tess.id, document: blankDocument() }, tess);
      if (!source.ok) throw new Error(source.message);
      const made = await createAssignment(getDb(), tess, klass.value.id, {
        notebook: source.value.slug,
        title: "Squares",
        dueAt: (options.dueAt ?? DUE).toISOString(),
        lockAtDue: options.lockAtDue ?? true,
      });
      if (!made.ok) throw new Error(made.message);
      const copyOf = async (s: RoutePerson) => {
        const opened = await openAssignment(getDb(), s.id, made.value.id);
        if (!opened.ok) throw new Error(opened.message);
        return getDb().notebook.findUniqueOrThrow({ where: { slug: opened.value.slug }, select: { id: true, assignmentCopy: { select: { id: true } } } });
      };
      const [annCopy, benCopy] = [await copyOf(ann), await copyOf(ben)];
      return { tess, ann, ben, eve, classId: klass.value.id, assignmentId: made.value.id, annCopy, benCopy };
    }

    /** The viewer's role in a notebook at `now`, on the row the access select reads. */
    async function roleAt(notebookId: string, viewer: AccessViewer, now: Date) {
      const row = await getDb().notebook.findUniqueOrThrow({ where: { id: notebookId }, select: accessSelect(viewer) });
      return roleOf(row, viewer, now);
    }

    it("makes the student a viewer of their copy from their own due instant until it is returned; teachers keep writing", async () => {
      const { tess, ann, ben, assignmentId, annCopy, benCopy } = await course();
      expect((await setExtension(getDb(), tess.id, assignmentId, ben.id, { dueAt: EXTENDED.toISOString() })).ok).toBe(true);

      // Ann, no extension: the owner up to the instant, a viewer from it on.
      expect(await roleAt(annCopy.id, ann, at(DUE, -1))).toBe("owner");
      expect(await roleAt(annCopy.id, ann, DUE)).toBe("viewer");
      expect(await roleAt(annCopy.id, ann, at(DUE, 60_000))).toBe("viewer");
      // Ben's own date is later: the assignment's instant does not lock him, his own does.
      expect(await roleAt(benCopy.id, ben, DUE)).toBe("owner");
      expect(await roleAt(benCopy.id, ben, at(EXTENDED, -1))).toBe("owner");
      expect(await roleAt(benCopy.id, ben, EXTENDED)).toBe("viewer");
      // The teacher writes in both copies throughout; nobody else reads them.
      for (const id of [annCopy.id, benCopy.id]) expect(await roleAt(id, tess, at(EXTENDED, 1))).toBe("teacher");
      expect(await roleAt(annCopy.id, ben, at(DUE, -1))).toBeNull();

      // Handed in late, still locked; returned, writable again; handed in again, locked again.
      const row = () => getDb().notebook.findUniqueOrThrow({ where: { id: annCopy.id }, select: accessSelect(ann) });
      expect((await submitCopy(getDb(), ann.id, assignmentId, at(DUE, 1000))).ok).toBe(true);
      expect(canWrite(await row(), ann, at(DUE, 2000))).toBe(false);
      expect((await returnCopy(getDb(), tess.id, annCopy.assignmentCopy!.id, "Try again")).ok).toBe(true);
      expect(await roleAt(annCopy.id, ann, at(DUE, 2000))).toBe("owner");
      expect((await submitCopy(getDb(), ann.id, assignmentId, at(DUE, 3000))).ok).toBe(true);
      expect(await roleAt(annCopy.id, ann, at(DUE, 4000))).toBe("viewer");
    });

    it("never locks without lockAtDue, and locks or unlocks when the teacher edits the lock or the date", async () => {
      const { tess, ann, assignmentId, annCopy } = await course({ lockAtDue: false });
      expect(await roleAt(annCopy.id, ann, at(DUE, 1))).toBe("owner");
      expect((await editAssignment(getDb(), tess.id, assignmentId, { lockAtDue: true })).ok).toBe(true);
      expect(await roleAt(annCopy.id, ann, at(DUE, 1))).toBe("viewer");
      expect((await editAssignment(getDb(), tess.id, assignmentId, { dueAt: at(DUE, 10_000).toISOString() })).ok).toBe(true);
      expect(await roleAt(annCopy.id, ann, at(DUE, 1))).toBe("owner");
      // A lock needs a due date: clearing it while locking is refused, with what to do.
      const refused = await editAssignment(getDb(), tess.id, assignmentId, { dueAt: null });
      expect(refused).toMatchObject({ ok: false, code: "bad_request" });
      expect(!refused.ok && refused.message).toContain("needs a due date");
    });

    it("measures late, missing and unsubmitting by the student's own due date", async () => {
      const { tess, ann, ben, classId, assignmentId, annCopy, benCopy } = await course({ lockAtDue: false });
      expect((await setExtension(getDb(), tess.id, assignmentId, ben.id, { dueAt: EXTENDED.toISOString() })).ok).toBe(true);
      const after = at(DUE, 60_000);
      const grid = await classGrid(getDb(), tess.id, classId, after);
      expect(grid!.progress[assignmentId]![ann.id]).toMatchObject({ missing: true, extended: false, dueAt: DUE });
      expect(grid!.progress[assignmentId]![ben.id]).toMatchObject({ missing: false, extended: true, dueAt: EXTENDED });
      // Ben hands in after the assignment's date but before his own: not late, and he may take it back.
      expect((await submitCopy(getDb(), ben.id, assignmentId, after)).ok).toBe(true);
      expect((await copyContext(getDb(), ben.id, benCopy.id, after))!.progress).toMatchObject({ late: false, status: "submitted" });
      expect((await unsubmitCopy(getDb(), ben.id, assignmentId, after)).ok).toBe(true);
      // Ann's own date has passed: late, and no taking back.
      expect((await submitCopy(getDb(), ann.id, assignmentId, after)).ok).toBe(true);
      expect((await copyContext(getDb(), ann.id, annCopy.id, after))!.progress).toMatchObject({ late: true, locked: false });
      expect((await unsubmitCopy(getDb(), ann.id, assignmentId, after)).ok).toBe(false);
    });

    it("plans the next instant to lock at, at most a day ahead, and locks exactly the copies due in between", async () => {
      // Dates of its own, after every other test's, since the plan looks at every assignment.
      const [DUE, EXTENDED] = [new Date("2030-05-01T17:00:00.000Z"), new Date("2030-05-03T17:00:00.000Z")];
      const { tess, ben, assignmentId, annCopy, benCopy } = await course({ dueAt: DUE });
      expect((await setExtension(getDb(), tess.id, assignmentId, ben.id, { dueAt: EXTENDED.toISOString() })).ok).toBe(true);
      const before = at(DUE, -5000);
      expect(await nextLockInstant(getDb(), before)).toEqual(DUE);
      expect(await nextLockInstant(getDb(), DUE)).toEqual(EXTENDED);
      expect(await nextLockInstant(getDb(), EXTENDED)).toBeNull();
      // Ann's instant locks Ann's copy only (Ben is extended); Ben's own instant locks his.
      expect(await copiesLockingBetween(getDb(), before, DUE)).toEqual([annCopy.id]);
      expect(await copiesLockingBetween(getDb(), DUE, EXTENDED)).toEqual([benCopy.id]);
      // A returned copy does not lock.
      expect((await returnCopy(getDb(), tess.id, benCopy.assignmentCopy!.id, "")).ok).toBe(true);
      expect(await copiesLockingBetween(getDb(), DUE, EXTENDED)).toEqual([]);

      expect(planDelay(null, before)).toBeNull();
      expect(planDelay(DUE, before)).toBe(5000);
      expect(planDelay(DUE, at(DUE, 10))).toBe(0);
      expect(planDelay(at(before, 3 * MAX_PLAN_MS), before)).toBe(MAX_PLAN_MS);

      // The scheduler at a fixed clock: planned for the next instant, and again when asked.
      const scheduler = startDeadlines({ db: () => getDb(), lock: async () => undefined, now: () => at(DUE, -3 * MAX_PLAN_MS) });
      try {
        await scheduler.idle();
        expect(scheduler.plannedFor).toEqual(at(DUE, -2 * MAX_PLAN_MS)); // no more than a day ahead
      } finally {
        scheduler.stop();
      }
      const near = startDeadlines({ db: () => getDb(), lock: async () => undefined, now: () => before });
      try {
        await near.idle();
        expect(near.plannedFor).toEqual(DUE);
        expect((await editAssignment(getDb(), tess.id, assignmentId, { lockAtDue: false })).ok).toBe(true);
        near.replan();
        await near.idle();
        expect(near.plannedFor).toBeNull(); // nothing locks any more
      } finally {
        near.stop();
      }
    });

    it("fires at the instant and re-checks the connections of the copies it locks", async () => {
      // Due a moment from now, on the real clock: the timer fires by itself.
      // Ben is extended: only Ann's copy locks then.
      const { tess, ann, ben, assignmentId, annCopy, benCopy } = await course();
      expect((await setExtension(getDb(), tess.id, assignmentId, ben.id, { dueAt: EXTENDED.toISOString() })).ok).toBe(true);
      expect((await editAssignment(getDb(), tess.id, assignmentId, { dueAt: new Date(Date.now() + 1000).toISOString() })).ok).toBe(true);
      let resolve: (ids: readonly string[]) => void = () => undefined;
      const locked = new Promise<readonly string[]>((r) => (resolve = r));
      const scheduler = startDeadlines({ db: () => getDb(), lock: async (ids) => resolve(ids) });
      try {
        expect(await locked).toEqual([annCopy.id]);
        // At the moment it fires, the rule already says so.
        expect(await roleAt(annCopy.id, ann, new Date())).toBe("viewer");
        expect(await roleAt(benCopy.id, ben, new Date())).toBe("owner");
      } finally {
        scheduler.stop();
      }
    });

    it("lets only the class's teachers set and clear an extension, with clear messages for bad input", async () => {
      const { tess, ann, ben, eve, assignmentId, annCopy } = await course();
      const path = `/api/assignments/${assignmentId}/extensions/${ann.id}`;
      const to = (id: string) => params({ id: assignmentId, studentId: id });
      const body = { dueAt: EXTENDED.toISOString() };
      // Students (the one extended included), strangers: not found; guests: sign in; other sites: refused.
      for (const cookie of [ann.cookie, ben.cookie, eve.cookie]) {
        expect((await extendRoute(request(path, "PUT", cookie, body), to(ann.id))).status).toBe(404);
        expect((await clearRoute(request(path, "DELETE", cookie), to(ann.id))).status).toBe(404);
      }
      expect((await extendRoute(request(path, "PUT", null, body), to(ann.id))).status).toBe(401);
      expect((await extendRoute(request(path, "PUT", tess.cookie, body, "null"), to(ann.id))).status).toBe(403);
      expect(await getDb().assignmentExtension.count({ where: { assignmentId } })).toBe(0);

      // Bad bodies say what is wrong; someone not a student of the class is not found.
      const noDate = await extendRoute(request(path, "PUT", tess.cookie, {}), to(ann.id));
      expect(noDate.status).toBe(400);
      expect(((await noDate.json()) as { message: string }).message).toContain("dueAt");
      const notADate = await extendRoute(request(path, "PUT", tess.cookie, { dueAt: "next Friday" }), to(ann.id));
      expect(notADate.status).toBe(400);
      expect(((await notADate.json()) as { message: string }).message).toBe('The extension\'s due date is not a date: "next Friday".');
      expect((await extendRoute(request(`/api/assignments/${assignmentId}/extensions/${eve.id}`, "PUT", tess.cookie, body), to(eve.id))).status).toBe(404);
      expect((await extendRoute(request(`/api/assignments/${assignmentId}/extensions/${tess.id}`, "PUT", tess.cookie, body), to(tess.id))).status).toBe(404);

      // The teacher sets it, moves it, and clears it.
      expect((await extendRoute(request(path, "PUT", tess.cookie, body), to(ann.id))).status).toBe(204);
      expect((await extendRoute(request(path, "PUT", tess.cookie, { dueAt: at(EXTENDED, 3600_000).toISOString() }), to(ann.id))).status).toBe(204);
      const row = await getDb().assignmentExtension.findFirstOrThrow({ where: { assignmentId, studentId: ann.id } });
      expect(row.dueAt).toEqual(at(EXTENDED, 3600_000));
      expect(await roleAt(annCopy.id, ann, at(EXTENDED, 1))).toBe("owner");
      expect((await clearRoute(request(path, "DELETE", tess.cookie), to(ann.id))).status).toBe(204);
      expect(await getDb().assignmentExtension.count({ where: { assignmentId } })).toBe(0);
      expect(await roleAt(annCopy.id, ann, at(DUE, 1))).toBe("viewer");
    });

    it("takes lockAtDue in the assign and edit routes, and refuses a lock without a due date", async () => {
      const { tess, ann, classId, assignmentId } = await course({ lockAtDue: false });
      const source = await createNotebook(getDb(), { title: "Cubes", visibility: "private", ownerId: tess.id, document: blankDocument() }, tess);
      if (!source.ok) throw new Error(source.message);
      const assign = (body: object) => assignRoute(request(`/api/classes/${classId}/assignments`, "POST", tess.cookie, body), params({ id: classId }));
      const noDue = await assign({ notebook: source.value.slug, title: "Cubes", lockAtDue: true });
      expect(noDue.status).toBe(400);
      expect(((await noDue.json()) as { message: string }).message).toBe("Locking copies at the due date needs a due date: set one, or untick the lock.");
      expect((await assign({ notebook: source.value.slug, title: "Cubes", lockAtDue: "yes" })).status).toBe(400);
      const made = await assign({ notebook: source.value.slug, title: "Cubes", dueAt: DUE.toISOString(), lockAtDue: true });
      expect(made.status).toBe(200);
      const { id } = (await made.json()) as { id: string };
      expect((await getDb().assignment.findUniqueOrThrow({ where: { id } })).lockAtDue).toBe(true);

      const edit = (cookie: string, body: object) => editRoute(request(`/api/assignments/${assignmentId}`, "PATCH", cookie, body), params({ id: assignmentId }));
      expect((await edit(ann.cookie, { lockAtDue: true })).status).toBe(404);
      expect((await edit(tess.cookie, { lockAtDue: true })).status).toBe(204);
      expect((await getDb().assignment.findUniqueOrThrow({ where: { id: assignmentId } })).lockAtDue).toBe(true);
    });
  });
}
