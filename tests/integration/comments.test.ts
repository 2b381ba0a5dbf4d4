/**
 * Comments through the real routes, auth and database, on SQLite and (with TEST_DATABASE_URL) on
 * PostgreSQL: the owner comments on a cell and on one of its lines, an editor replies, a viewer
 * reads but is refused writing (403: they can see the notebook), a stranger finds nothing (404,
 * the same answer as for a notebook that does not exist), a guest finds a private notebook's
 * comments nowhere (404) either, but reads a link-shared one's;
 * comment ids of another notebook are not found; cross-site requests and bad bodies change
 * nothing; threads resolve and reopen; only authors delete; "new" is others' comments since one
 * last marked the notebook's comments as read.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { insertCell, LOAD, snapshotNotebook } from "@/lib/notebook";
import { getDb } from "@/lib/server/db/client";
import { CLIENT_IP_HEADER } from "@/lib/server/http/client-ip";
import { blankDocument, createNotebook } from "@/lib/server/notebooks/create";
import { GET as listRoute, POST as postRoute } from "@/app/api/notebooks/[id]/comments/route";
import { DELETE as deleteRoute, PATCH as patchRoute } from "@/app/api/notebooks/[id]/comments/[commentId]/route";
import { POST as seenRoute } from "@/app/api/notebooks/[id]/comments/seen/route";
import { testBackends } from "../support/databases";
import { useRouteDatabase } from "../support/route-database";
import { signUpThroughRoute } from "../support/route-accounts";

const ORIGIN = "http://localhost:3000";
process.env.TANDEM_AUTH_SECRET = "integration-test-secret-0123456789abcdef";

type Person = { id: string; cookie: string };
/** Whose request: a person, or null for a guest. */
type Who = Person | null;

function request(method: string, path: string, who: Who, options: { body?: unknown; raw?: string; origin?: string | null } = {}) {
  const headers = new Headers({ host: "localhost:3000", [CLIENT_IP_HEADER]: "203.0.113.7" });
  if (options.origin !== null) headers.set("origin", options.origin ?? ORIGIN);
  if (who) headers.set("cookie", who.cookie);
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers.set("content-type", "application/json");
  return new Request(`${ORIGIN}${path}`, { method, headers, body });
}

const base = (id: string) => `/api/notebooks/${id}/comments`;
const api = {
  list: (who: Who, id: string) => listRoute(request("GET", base(id), who), { params: Promise.resolve({ id }) }),
  post: (who: Who, id: string, body: unknown, options: { raw?: string; origin?: string | null } = {}) =>
    postRoute(request("POST", base(id), who, { body, ...options }), { params: Promise.resolve({ id }) }),
  patch: (who: Who, id: string, commentId: string, body: unknown, origin?: string | null) =>
    patchRoute(request("PATCH", `${base(id)}/${commentId}`, who, { body, origin }), { params: Promise.resolve({ id, commentId }) }),
  delete: (who: Who, id: string, commentId: string, origin?: string | null) =>
    deleteRoute(request("DELETE", `${base(id)}/${commentId}`, who, { origin }), { params: Promise.resolve({ id, commentId }) }),
  seen: (who: Who, id: string, body: unknown = {}, origin?: string | null) =>
    seenRoute(request("POST", `${base(id)}/seen`, who, { body, origin }), { params: Promise.resolve({ id }) }),
};

interface CommentJson { id: string; cellId: string; line: number | null; body: string; createdAt: string; author: { name: string; color: string }; mine: boolean; isNew: boolean }
interface ThreadJson extends CommentJson { resolvedAt: string | null; replies: CommentJson[] }
interface ListJson { ok: true; threads: ThreadJson[]; seenAt: string | null; canComment: boolean; canReply: boolean }

async function list(who: Who, id: string): Promise<ListJson> {
  const response = await api.list(who, id);
  expect(response.status).toBe(200);
  return (await response.json()) as ListJson;
}

async function comment(who: Who, id: string, body: Record<string, unknown>): Promise<string> {
  const response = await api.post(who, id, body);
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

const message = async (response: Response) => ((await response.json()) as { code: string; message: string });
const tick = () => new Promise((resolve) => setTimeout(resolve, 15));

const signUp = (name: string, email: string) => signUpThroughRoute(name, email);

for (const backend of testBackends()) {
  describe(`comments on ${backend.name}`, () => {
    useRouteDatabase(backend);
    let ada: Person, grace: Person, vera: Person, eve: Person;
    let notebookId: string;
    let codeCell: string;
    let textCell: string;

    /** A private notebook of Ada's: a code cell of three lines and a markdown cell. */
    async function makeNotebook(title: string) {
      const doc = blankDocument();
      insertCell(doc, { type: "code", source: "x = 1\ny = 2\nprint(x + y)" }, LOAD);
      insertCell(doc, { type: "markdown", source: "# Notes" }, LOAD);
      const made = await createNotebook(getDb(), { title, visibility: "private", ownerId: ada.id, document: doc }, { id: ada.id, email: "ada@example.com" });
      if (!made.ok) throw new Error(made.message);
      const cells = snapshotNotebook(doc).cells.filter((c) => c.source !== "");
      return { id: made.value.id, code: cells.find((c) => c.type === "code")!.id, text: cells.find((c) => c.type === "markdown")!.id };
    }

    beforeAll(async () => {
      ada = await signUp("Ada", "ada@example.com");
      grace = await signUp("Grace", "grace@example.com");
      vera = await signUp("Vera", "vera@example.com");
      eve = await signUp("Eve", "eve@example.com");
      const made = await makeNotebook("Notes");
      ({ id: notebookId, code: codeCell, text: textCell } = made);
      await getDb().notebookShare.createMany({
        data: [
          { notebookId, email: "grace@example.com", role: "editor" },
          { notebookId, email: "vera@example.com", role: "viewer" },
        ],
      });
    });

    it("lets the owner comment on a cell and on a line, an editor reply, and every reader see the threads", async () => {
      const whole = await comment(ada, notebookId, { cellId: textCell, body: "  Is this heading right?  " });
      const onLine = await comment(ada, notebookId, { cellId: codeCell, line: 2, body: "Why 2?" });
      // A reply takes its thread's cell and line, whatever it says.
      const reply = await comment(grace, notebookId, { cellId: codeCell, line: 3, body: "Because 1 + 1.", parentId: onLine });

      const seenByVera = await list(vera, notebookId);
      expect(seenByVera.canComment).toBe(false);
      const mine = seenByVera.threads.filter((t) => t.id === whole || t.id === onLine);
      expect(mine.map((t) => [t.cellId, t.line, t.body, t.author.name, t.mine, t.resolvedAt])).toEqual([
        [textCell, null, "Is this heading right?", "Ada", false, null],
        [codeCell, 2, "Why 2?", "Ada", false, null],
      ]);
      expect(mine[1]!.author.color).toMatch(/^#[0-9a-f]{6}$/);
      expect(mine[1]!.replies.map((r) => [r.id, r.cellId, r.line, r.body, r.author.name])).toEqual([[reply, codeCell, 2, "Because 1 + 1.", "Grace"]]);

      const seenByAda = await list(ada, notebookId);
      expect(seenByAda.canComment).toBe(true);
      const thread = seenByAda.threads.find((t) => t.id === onLine)!;
      expect([thread.mine, thread.replies[0]!.mine]).toEqual([true, false]);
      expect((await list(grace, notebookId)).canComment).toBe(true);
    });

    it("lets a viewer read but not write: 403, since they can see the notebook", async () => {
      const thread = await comment(ada, notebookId, { cellId: codeCell, body: "For Vera to read" });
      const before = await getDb().comment.count();
      const post = await api.post(vera, notebookId, { cellId: codeCell, body: "Me too" });
      expect(post.status).toBe(403);
      expect(await message(post)).toEqual({ code: "forbidden", message: "Only editors can comment." });
      expect((await api.post(vera, notebookId, { body: "A reply", parentId: thread })).status).toBe(403);
      expect((await api.patch(vera, notebookId, thread, { resolved: true })).status).toBe(403);
      const del = await api.delete(vera, notebookId, thread);
      expect(del.status).toBe(403);
      expect((await message(del)).message).toBe("Only its author can delete a comment.");
      expect(await getDb().comment.count()).toBe(before);
      expect((await getDb().comment.findUniqueOrThrow({ where: { id: thread } })).resolvedAt).toBeNull();
      // Marking as read is reading.
      expect((await api.seen(vera, notebookId)).status).toBe(204);
    });

    it("answers a stranger and a guest 404 everywhere, exactly as for a notebook that does not exist", async () => {
      const thread = await comment(ada, notebookId, { cellId: codeCell, body: "Private words" });
      const before = await getDb().comment.count();
      const attempts = (who: Who, id: string) => [
        () => api.list(who, id),
        () => api.post(who, id, { cellId: codeCell, body: "Hello" }),
        () => api.post(who, id, { body: "Hello", parentId: thread }),
        () => api.patch(who, id, thread, { resolved: true }),
        () => api.delete(who, id, thread),
        () => api.seen(who, id),
      ];
      const hidden = attempts(eve, notebookId);
      const missing = attempts(eve, "no-such-notebook");
      for (let i = 0; i < hidden.length; i++) {
        const [a, b] = [await hidden[i]!(), await missing[i]!()];
        expect([a.status, b.status], `attempt ${i}`).toEqual([404, 404]);
        expect(await a.text()).toBe(await b.text());
      }
      // A guest finds nothing either (guests may reply on some notebooks, so they are asked, not
      // turned away at the door); only marking as read, which needs an account, is a 401.
      const guest = attempts(null, notebookId);
      const guestMissing = attempts(null, "no-such-notebook");
      const marking = guest.pop()!;
      for (let i = 0; i < guest.length; i++) {
        const [a, b] = [await guest[i]!(), await guestMissing[i]!()];
        expect([a.status, b.status], `guest attempt ${i}`).toEqual([404, 404]);
        expect(await a.text()).toBe(await b.text());
      }
      const response = await marking();
      expect(response.status).toBe(401);
      expect((await message(response)).code).toBe("unauthorized");
      expect(await getDb().comment.count()).toBe(before);
      expect(await getDb().commentSeen.count({ where: { userId: eve.id } })).toBe(0);
    });

    it("lets a guest on a link-shared notebook read its threads, as theirs to read and not to write", async () => {
      const shared = await makeNotebook("Shared by link");
      await getDb().notebook.update({ where: { id: shared.id }, data: { visibility: "link" } });
      const thread = await comment(ada, shared.id, { cellId: shared.code, body: "Look at line 2", line: 2 });
      await comment(ada, shared.id, { body: "And this reply", parentId: thread });
      const seen = await list(null, shared.id);
      expect(seen.canComment).toBe(false);
      expect(seen.seenAt).toBeNull();
      expect(seen.threads).toHaveLength(1);
      expect(seen.threads[0]).toMatchObject({ body: "Look at line 2", line: 2, mine: false, isNew: false, author: { name: "Ada" } });
      expect(seen.threads[0]!.replies.map((r) => [r.body, r.mine, r.isNew])).toEqual([["And this reply", false, false]]);
      // Replies, where the owner allows them, are tests/integration/guest-comments.test.ts's.
      const started = await api.post(null, shared.id, { cellId: shared.code, body: "A guest's word" });
      expect(started.status).toBe(403);
      expect(seen.canReply).toBe(false);
    });

    it("does not find a comment of another notebook through this one", async () => {
      const other = await makeNotebook("Other");
      const elsewhere = await comment(ada, other.id, { cellId: other.code, body: "Over there" });
      const before = await getDb().comment.count();
      expect((await api.patch(ada, notebookId, elsewhere, { resolved: true })).status).toBe(404);
      expect((await api.delete(ada, notebookId, elsewhere)).status).toBe(404);
      expect((await api.post(ada, notebookId, { body: "Reply", parentId: elsewhere })).status).toBe(404);
      expect((await api.patch(ada, notebookId, "no-such-comment", { resolved: true })).status).toBe(404);
      expect(await getDb().comment.count()).toBe(before);
      expect((await getDb().comment.findUniqueOrThrow({ where: { id: elsewhere } })).resolvedAt).toBeNull();
      // Nor does a cell of another notebook take comments here.
      expect((await api.post(ada, notebookId, { cellId: other.code, body: "Wrong notebook" })).status).toBe(400);
    });

    it("refuses cross-site requests, Origin: null included, before anything happens", async () => {
      const thread = await comment(ada, notebookId, { cellId: codeCell, body: "Keep me" });
      const before = await getDb().comment.count();
      for (const origin of ["https://evil.example", "null"]) {
        const responses = [
          await api.post(ada, notebookId, { cellId: codeCell, body: "Forged" }, { origin }),
          await api.patch(ada, notebookId, thread, { resolved: true }, origin),
          await api.delete(ada, notebookId, thread, origin),
          await api.seen(ada, notebookId, {}, origin),
        ];
        expect(responses.map((r) => r.status)).toEqual([403, 403, 403, 403]);
      }
      expect(await getDb().comment.count()).toBe(before);
      expect((await getDb().comment.findUniqueOrThrow({ where: { id: thread } })).resolvedAt).toBeNull();
      expect(await getDb().commentSeen.count({ where: { userId: ada.id } })).toBe(0);
    });

    it("refuses bad bodies with a message that says what is wrong, creating nothing", async () => {
      const thread = await comment(ada, notebookId, { cellId: codeCell, body: "A thread" });
      const reply = await comment(grace, notebookId, { body: "A reply", parentId: thread });
      const before = await getDb().comment.count();
      const cases: [unknown, RegExp][] = [
        [undefined, /Expected JSON: \{ cellId/],
        [{ cellId: codeCell }, /Expected JSON/],
        [{ cellId: codeCell, body: 42 }, /\(body: /],
        [{ cellId: codeCell, body: "x", line: 0 }, /Expected JSON: .*\(line: /],
        [{ cellId: codeCell, body: "x", line: "2" }, /\(line: /],
        [{ cellId: codeCell, body: "x", line: 1.5 }, /\(line: /],
        [{ cellId: codeCell, body: " \n\t " }, /cannot be empty/],
        [{ cellId: codeCell, body: "y".repeat(5001) }, /at most 5000 characters; this one has 5001/],
        [{ body: "Where?" }, /Say which cell/],
        [{ cellId: "no-such-cell", body: "x" }, /not in the notebook/],
        [{ cellId: "not a cell id!", body: "x" }, /Say which cell/],
        [{ cellId: codeCell, line: 4, body: "x" }, /Line 4 is past the end of the cell, which has 3 lines/],
        [{ body: "Deeper", parentId: reply }, /replies go one level deep/],
      ];
      for (const [body, expected] of cases) {
        const response = await api.post(ada, notebookId, body);
        expect(response.status, JSON.stringify(body)).toBe(400);
        const said = (await message(response)).message;
        expect(said).toMatch(expected);
      }
      const notJson = await api.post(ada, notebookId, undefined, { raw: "{ body: " });
      expect(notJson.status).toBe(400);
      for (const body of [{ resolved: "yes" }, {}, null]) expect((await api.patch(ada, notebookId, thread, body)).status).toBe(400);
      const onReply = await api.patch(ada, notebookId, reply, { resolved: true });
      expect(onReply.status).toBe(400);
      expect((await message(onReply)).message).toMatch(/Only a thread's first comment/);
      expect((await api.seen(ada, notebookId, { at: "yesterday" })).status).toBe(400);
      expect(await getDb().comment.count()).toBe(before);
      // 5000 characters after trimming is the limit, not over it.
      await comment(ada, notebookId, { cellId: codeCell, body: `  ${"z".repeat(5000)}  ` });
    });

    it("resolves and reopens threads; a reply reopens a resolved one", async () => {
      const thread = await comment(ada, notebookId, { cellId: codeCell, line: 1, body: "Rename x?" });
      const state = async () => (await list(ada, notebookId)).threads.find((t) => t.id === thread)!.resolvedAt;
      expect((await api.patch(grace, notebookId, thread, { resolved: true })).status).toBe(204);
      const resolvedAt = await state();
      expect(resolvedAt).not.toBeNull();
      await tick();
      expect((await api.patch(ada, notebookId, thread, { resolved: true })).status).toBe(204);
      expect(await state()).toBe(resolvedAt); // resolving again keeps the first time
      expect((await api.patch(ada, notebookId, thread, { resolved: false })).status).toBe(204);
      expect(await state()).toBeNull();
      await api.patch(ada, notebookId, thread, { resolved: true });
      await comment(grace, notebookId, { body: "Actually, one more thing", parentId: thread });
      expect(await state()).toBeNull();
    });

    it("deletes a comment for its author only; a thread's first comment takes its replies", async () => {
      const thread = await comment(ada, notebookId, { cellId: textCell, body: "Delete me later" });
      const reply = await comment(grace, notebookId, { body: "Noted", parentId: thread });
      const second = await comment(grace, notebookId, { body: "Mine to delete", parentId: thread });
      expect((await api.delete(grace, notebookId, thread)).status).toBe(403);
      expect((await api.delete(ada, notebookId, reply)).status).toBe(403);
      expect((await api.delete(grace, notebookId, second)).status).toBe(204);
      expect(await getDb().comment.findUnique({ where: { id: second } })).toBeNull();
      expect((await api.delete(ada, notebookId, thread)).status).toBe(204);
      expect(await getDb().comment.count({ where: { id: { in: [thread, reply] } } })).toBe(0);
      expect((await api.delete(ada, notebookId, thread)).status).toBe(404);

      // Someone who is no longer an editor may still take back their own words.
      const before = await comment(grace, notebookId, { cellId: codeCell, body: "Said as an editor" });
      const share = { notebookId_email: { notebookId, email: "grace@example.com" } };
      await getDb().notebookShare.update({ where: share, data: { role: "viewer" } });
      expect((await api.delete(grace, notebookId, before)).status).toBe(204);
      await getDb().notebookShare.update({ where: share, data: { role: "editor" } });
    });

    it("counts as new what others wrote since one last marked the comments as read, never one's own", async () => {
      const nb = await makeNotebook("Fresh");
      await getDb().notebookShare.create({ data: { notebookId: nb.id, email: "grace@example.com", role: "editor" } });
      const newTo = async (who: Person) => {
        const { threads } = await list(who, nb.id);
        return threads.flatMap((t) => [t, ...t.replies]).filter((c) => c.isNew).map((c) => c.body);
      };
      await comment(ada, nb.id, { cellId: nb.code, body: "First" });
      await comment(grace, nb.id, { cellId: nb.code, body: "Grace's own" });
      // Never marked as read: everything by others is new.
      expect((await list(grace, nb.id)).seenAt).toBeNull();
      expect(await newTo(grace)).toEqual(["First"]);
      expect(await newTo(ada)).toEqual(["Grace's own"]);

      expect((await api.seen(grace, nb.id)).status).toBe(204);
      const { seenAt } = await list(grace, nb.id);
      expect(seenAt).not.toBeNull();
      expect(await newTo(grace)).toEqual([]);

      await tick();
      const later = await comment(ada, nb.id, { cellId: nb.text, body: "Later" });
      await comment(grace, nb.id, { body: "My reply is never new to me", parentId: later });
      expect(await newTo(grace)).toEqual(["Later"]);

      // Marked up to a time: never back in time, never past now.
      expect((await api.seen(grace, nb.id, { at: "2000-01-01T00:00:00.000Z" })).status).toBe(204);
      expect((await list(grace, nb.id)).seenAt).toBe(seenAt);
      const newest = (await list(grace, nb.id)).threads.find((t) => t.id === later)!.createdAt;
      expect((await api.seen(grace, nb.id, { at: newest })).status).toBe(204);
      expect(await newTo(grace)).toEqual([]);
      expect((await api.seen(grace, nb.id, { at: "2999-01-01T00:00:00.000Z" })).status).toBe(204);
      expect(new Date((await list(grace, nb.id)).seenAt!).getTime()).toBeLessThanOrEqual(Date.now());
    });
  });
}
