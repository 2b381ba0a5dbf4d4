/**
 * Text with U+0000 or an unpaired surrogate, through every route that stores text a person typed:
 * PostgreSQL refuses such text (a 500 before the client cleaned it), SQLite kept it. Now each of
 * the eleven writes succeeds on both databases and reads back the same cleaned text, as do a
 * notebook's cells copy (jsonb on PostgreSQL) and a lookup by such a value.
 */
import { documentFromStored, storedCells } from "@/lib/server/documents/materialize";
import { beforeAll, describe, expect, it } from "vitest";
import { insertCell, LOAD, snapshotNotebook } from "@/lib/notebook";
import { getDb } from "@/lib/server/db/client";
import { CLIENT_IP_HEADER } from "@/lib/server/http/client-ip";
import { blankDocument, createNotebook } from "@/lib/server/notebooks/create";
import { POST as auth } from "@/app/api/auth/[...all]/route";
import { POST as createNotebookRoute } from "@/app/api/notebooks/route";
import { PATCH as renameRoute } from "@/app/api/notebooks/[id]/route";
import { POST as importRoute } from "@/app/api/notebooks/import/route";
import { POST as createClass } from "@/app/api/classes/route";
import { POST as joinClass } from "@/app/api/classes/join/route";
import { POST as assign } from "@/app/api/classes/[id]/assignments/route";
import { POST as openAssignment } from "@/app/api/assignments/[id]/open/route";
import { POST as returnCopy } from "@/app/api/copies/[id]/return/route";
import { POST as commentRoute } from "@/app/api/notebooks/[id]/comments/route";
import { POST as saveVersionRoute } from "@/app/api/notebooks/[id]/versions/route";
import { testBackends } from "../support/databases";
import { useRouteDatabase } from "../support/route-database";
import { signUpThroughRoute } from "../support/route-accounts";

const ORIGIN = "http://localhost:3000";
process.env.TANDEM_AUTH_SECRET = "integration-test-secret-0123456789abcdef";
process.env.TANDEM_NOTEBOOK_CREATE_LIMIT = "100000";

/** A NUL, an unpaired high and an unpaired low surrogate, and a real pair (an emoji) that stays. */
const dirty = (word: string) => `${word}\u0000 one\ud800 two\udc00 \u{1F600}`;
const clean = (word: string) => `${word} one\ufffd two\ufffd \u{1F600}`;
const sourceText = (cell: { source: string | string[] }) => [cell.source].flat().join("");
function expectStorable(text: string): void {
  expect(text.includes("\0")).toBe(false);
  expect((text as unknown as { isWellFormed(): boolean }).isWellFormed()).toBe(true);
}

let address = 0;
type Person = { id: string; cookie: string; email: string };

function request(path: string, method: string, body: unknown, cookie?: string): Request {
  const headers = new Headers({ "content-type": "application/json", host: "localhost:3000", origin: ORIGIN, [CLIENT_IP_HEADER]: `192.0.2.${++address % 250}` });
  if (cookie) headers.set("cookie", cookie);
  return new Request(`${ORIGIN}${path}`, { method, headers, body: typeof body === "string" ? body : JSON.stringify(body) });
}

const params = <T extends object>(value: T) => ({ params: Promise.resolve(value) });

async function expectStatus(response: Response, status: number): Promise<Response> {
  expect(response.status, await response.clone().text()).toBe(status);
  return response;
}

const signUp = (name: string) => signUpThroughRoute(name, `p${++address}-${Math.random().toString(36).slice(2)}@example.com`);

for (const backend of testBackends()) {
  describe(`text with NUL and unpaired surrogates on ${backend.name}`, () => {
    useRouteDatabase(backend);
    let teacher: Person;

    beforeAll(async () => {
      teacher = await signUp("Tess");
    });

    it("cleans a person's name at sign-up and when they change it", async () => {
      const person = await signUp(dirty("Ada"));
      expect((await getDb().user.findUniqueOrThrow({ where: { id: person.id } })).name).toBe(clean("Ada"));
      await expectStatus(await auth(request("/api/auth/update-user", "POST", { name: dirty("Grace") }, person.cookie)), 200);
      expect((await getDb().user.findUniqueOrThrow({ where: { id: person.id } })).name).toBe(clean("Grace"));
    });

    it("cleans a notebook's title when it is created, renamed and imported", async () => {
      const created = await expectStatus(await createNotebookRoute(request("/api/notebooks", "POST", { title: dirty("New") }, teacher.cookie)), 201);
      const { id } = (await created.json()) as { id: string };
      expect((await getDb().notebook.findUniqueOrThrow({ where: { id } })).title).toBe(clean("New"));

      await expectStatus(await renameRoute(request(`/api/notebooks/${id}`, "PATCH", { title: dirty("Renamed") }, teacher.cookie), params({ id })), 204);
      expect((await getDb().notebook.findUniqueOrThrow({ where: { id } })).title).toBe(clean("Renamed"));

      // A name in the URL can carry a NUL (an unpaired surrogate cannot be percent-encoded); the
      // title in the file's metadata, used when there is no name, carries both.
      const file = (title?: string) =>
        JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: title ? { title } : {}, cells: [{ id: "a", cell_type: "markdown", metadata: {}, source: dirty("cell") }] });
      const importAs = async (query: string, body: string) => {
        const response = await expectStatus(await importRoute(request(`/api/notebooks/import${query}`, "POST", body, teacher.cookie)), 201);
        const { id: importedId } = (await response.json()) as { id: string };
        return getDb().notebook.findUniqueOrThrow({ where: { id: importedId }, include: { document: true } });
      };
      const named = await importAs(`?name=${encodeURIComponent("Imp\u0000orted.ipynb")}`, file());
      expect(named.title).toBe("Imported");
      // The cells' JSON copy is JSON text that either database takes (NUL and lone surrogates are
      // \u escapes there), and it reads back as exactly what the document holds.
      expectStorable(named.document!.cells);
      expect(storedCells(named.document!.cells).map(sourceText)).toEqual([dirty("cell")]);
      expect((await importAs("", file(dirty("Meta")))).title).toBe(clean("Meta"));
    });

    it("cleans a class's name, an assignment's title and instructions, and a return note", async () => {
      const made = await expectStatus(await createClass(request("/api/classes", "POST", { name: dirty("Class") }, teacher.cookie)), 200);
      const { id: classId } = (await made.json()) as { id: string };
      const classroom = await getDb().classroom.findUniqueOrThrow({ where: { id: classId } });
      expect(classroom.name).toBe(clean("Class"));

      const source = await createNotebook(getDb(), { title: "Work", ownerId: teacher.id }, { id: teacher.id, email: teacher.email });
      if (!source.ok) throw new Error(source.message);
      const body = { notebook: source.value.slug, title: dirty("Task"), instructions: dirty("Do it") };
      const assigned = await expectStatus(await assign(request(`/api/classes/${classId}/assignments`, "POST", body, teacher.cookie), params({ id: classId })), 200);
      const { id: assignmentId } = (await assigned.json()) as { id: string };
      const assignment = await getDb().assignment.findUniqueOrThrow({ where: { id: assignmentId } });
      expect([assignment.title, assignment.instructions]).toEqual([clean("Task"), clean("Do it")]);

      const student = await signUp("Sam");
      await expectStatus(await joinClass(request("/api/classes/join", "POST", { code: classroom.joinCode }, student.cookie)), 200);
      await expectStatus(await openAssignment(request(`/api/assignments/${assignmentId}/open`, "POST", {}, student.cookie), params({ id: assignmentId })), 200);
      const copy = await getDb().assignmentCopy.findFirstOrThrow({ where: { assignmentId, studentId: student.id } });
      await expectStatus(await returnCopy(request(`/api/copies/${copy.id}/return`, "POST", { note: dirty("Note") }, teacher.cookie), params({ id: copy.id })), 204);
      expect((await getDb().assignmentCopy.findUniqueOrThrow({ where: { id: copy.id } })).returnNote).toBe(clean("Note"));
    });

    it("cleans a comment, a reply (written in a batch transaction) and a version's name", async () => {
      const doc = blankDocument();
      insertCell(doc, { type: "code", source: dirty("print(1)") }, LOAD);
      const made = await createNotebook(getDb(), { title: "Commented", ownerId: teacher.id, document: doc }, { id: teacher.id, email: teacher.email });
      if (!made.ok) throw new Error(made.message);
      const { id } = made.value;
      const cellId = snapshotNotebook(doc).cells[0]!.id;

      const posted = await expectStatus(await commentRoute(request(`/api/notebooks/${id}/comments`, "POST", { cellId, body: dirty("Look") }, teacher.cookie), params({ id })), 201);
      const { id: commentId } = (await posted.json()) as { id: string };
      const replied = await commentRoute(request(`/api/notebooks/${id}/comments`, "POST", { parentId: commentId, body: dirty("Seen") }, teacher.cookie), params({ id }));
      const { id: replyId } = (await (await expectStatus(replied, 201)).json()) as { id: string };
      const bodies = await getDb().comment.findMany({ where: { id: { in: [commentId, replyId] } }, orderBy: { createdAt: "asc" } });
      expect(bodies.map((c) => c.body)).toEqual([clean("Look"), clean("Seen")]);

      await expectStatus(await saveVersionRoute(request(`/api/notebooks/${id}/versions`, "POST", { name: dirty("Draft") }, teacher.cookie), params({ id })), 204);
      const version = await getDb().notebookVersion.findFirstOrThrow({ where: { notebookId: id } });
      expect(version.name).toBe(clean("Draft"));
      expectStorable(version.cells);
      expect(storedCells(version.cells).map(sourceText)).toEqual(snapshotNotebook(documentFromStored(version.snapshot)).cells.map((c) => c.source));
    });

    it("finds by such text what writing it stored, instead of failing", async () => {
      const made = await createNotebook(getDb(), { title: dirty("Lookup") }, null);
      if (!made.ok) throw new Error(made.message);
      const { slug } = made.value;
      expect(await getDb().notebook.findUnique({ where: { slug: `${slug.slice(0, 3)}\u0000${slug.slice(3)}` }, select: { slug: true } })).toEqual({ slug });
      expect(await getDb().notebook.findFirst({ where: { title: dirty("Lookup") }, select: { slug: true } })).toEqual({ slug });
    });
  });
}
