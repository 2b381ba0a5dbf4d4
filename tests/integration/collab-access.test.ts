/**
 * Who may change locked cells over a collaboration connection (lib/server/collab/load.ts, and
 * guard.ts that enforces it): in a student's copy of an assignment, the class's teacher and not
 * the student; in any other notebook, its owner and not an editor.
 */
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { insertCell, LOAD } from "@/lib/notebook";
import { setCellCheck } from "@/lib/notebook/checks";
import { createAssignment, openAssignment } from "@/lib/server/classroom/assignments";
import { createClass, joinClass } from "@/lib/server/classroom/classes";
import { authorizeConnection } from "@/lib/server/collab/load";
import { getDb } from "@/lib/server/db/client";
import { blankDocument, createNotebook } from "@/lib/server/notebooks/create";
import { invite } from "@/lib/server/notebooks/sharing";
import { testBackends } from "../support/databases";
import { useRouteDatabase } from "../support/route-database";
import { signUpThroughRoute, type RoutePerson } from "../support/route-accounts";

process.env.TANDEM_AUTH_SECRET = "integration-test-secret-0123456789abcdef";

const upgrade = (person: RoutePerson | null) =>
  ({ headers: { host: "localhost:3000", origin: "http://localhost:3000", ...(person ? { cookie: person.cookie } : {}) } }) as unknown as IncomingMessage;

for (const backend of testBackends()) {
  describe(`collaboration rights on ${backend.name}`, () => {
    useRouteDatabase(backend);

    it("gives the right to change locked cells to the copy's teacher and a notebook's owner only", async () => {
      const [tess, ann, eddie] = [await signUpThroughRoute("Tess"), await signUpThroughRoute("Ann"), await signUpThroughRoute("Eddie")];
      const doc = blankDocument();
      const check = insertCell(doc, { type: "code", source: "assert True" }, LOAD);
      setCellCheck(doc, check, { hidden: false }, LOAD);
      const made = await createNotebook(getDb(), { title: "Quiz", visibility: "private", ownerId: tess.id, document: doc }, tess);
      if (!made.ok) throw new Error(made.message);
      const shared = await invite(getDb(), tess.id, made.value.id, { email: eddie.email, role: "editor" });
      expect(shared.ok).toBe(true);

      const klass = await createClass(getDb(), tess.id, "Python 101");
      if (!klass.ok) throw new Error(klass.message);
      const { joinCode } = await getDb().classroom.findUniqueOrThrow({ where: { id: klass.value.id }, select: { joinCode: true } });
      expect((await joinClass(getDb(), ann.id, joinCode)).ok).toBe(true);
      const assignment = await createAssignment(getDb(), tess, klass.value.id, { notebook: made.value.slug, title: "Quiz" });
      if (!assignment.ok) throw new Error(assignment.message);
      const opened = await openAssignment(getDb(), ann.id, assignment.value.id);
      if (!opened.ok) throw new Error(opened.message);
      const copy = await getDb().notebook.findUniqueOrThrow({ where: { slug: opened.value.slug }, select: { id: true } });

      expect(await authorizeConnection(copy.id, upgrade(ann))).toMatchObject({ write: true, editsLocked: false });
      expect(await authorizeConnection(copy.id, upgrade(tess))).toMatchObject({ write: true, teacher: true, editsLocked: true });
      expect(await authorizeConnection(made.value.id, upgrade(tess))).toMatchObject({ write: true, editsLocked: true });
      expect(await authorizeConnection(made.value.id, upgrade(eddie))).toMatchObject({ write: true, editsLocked: false });
    });
  });
}
