/**
 * Guests replying to comments (a mixed pair: one signed in, one not), through the real routes,
 * auth and database, on SQLite and (with TEST_DATABASE_URL) on PostgreSQL: a guest replies only
 * where the owner turned guest replies on (through the sharing route, the owner's alone), under
 * their name marked "(guest)"; they never start a thread, resolve, reopen or reply to a resolved
 * thread; their reply is theirs by their browser's key (only its hash is stored), so another
 * guest cannot delete it; a private notebook is a 404 to them whatever its setting; the name is
 * checked; replies are counted per address; and every change tells the notebook's room.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCell, LOAD, snapshotNotebook } from "@/lib/notebook";
import { GUEST_KEY_HEADER } from "@/lib/protocol/guest-key";
import { PRESENCE_COLORS } from "@/lib/protocol/presence";
import { serverContext, type CollabHooks } from "@/lib/server/context";
import { getDb } from "@/lib/server/db/client";
import { settings } from "@/lib/server/env";
import { CLIENT_IP_HEADER } from "@/lib/server/http/client-ip";
import { blankDocument, createNotebook } from "@/lib/server/notebooks/create";
import { GET as listRoute, POST as postRoute } from "@/app/api/notebooks/[id]/comments/route";
import { DELETE as deleteRoute, PATCH as patchRoute } from "@/app/api/notebooks/[id]/comments/[commentId]/route";
import { GET as sharingGet, PATCH as sharingPatch } from "@/app/api/notebooks/[id]/sharing/route";
import { testBackends } from "../support/databases";
import { useRouteDatabase } from "../support/route-database";
import { signUpThroughRoute, type RoutePerson } from "../support/route-accounts";

const ORIGIN = "http://localhost:3000";
process.env.TANDEM_AUTH_SECRET = "integration-test-secret-0123456789abcdef";

/** A guest: the key their browser keeps, and the address they come from. */
interface Guest {
  key: string | null;
  address: string;
}
/** Someone signed in (from their own address unless given), or a guest. */
type Who = (RoutePerson & { address?: string }) | Guest;

let addresses = 0;
/** A guest from an address of their own (so that only the rate-limit test meets the limit). */
const newGuest = (key: string | null = randomBytes(32).toString("base64url")): Guest => ({ key, address: `192.0.2.${(++addresses % 250) + 1}` });

function request(method: string, path: string, who: Who, body?: unknown): Request {
  const headers = new Headers({ host: "localhost:3000", origin: ORIGIN });
  if ("cookie" in who) {
    headers.set("cookie", who.cookie);
    headers.set(CLIENT_IP_HEADER, who.address ?? "203.0.113.9");
  } else {
    headers.set(CLIENT_IP_HEADER, who.address);
    if (who.key !== null) headers.set(GUEST_KEY_HEADER, who.key);
  }
  if (body !== undefined) headers.set("content-type", "application/json");
  return new Request(`${ORIGIN}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

const base = (id: string) => `/api/notebooks/${id}/comments`;
const api = {
  list: (who: Who, id: string) => listRoute(request("GET", base(id), who), { params: Promise.resolve({ id }) }),
  post: (who: Who, id: string, body: unknown) => postRoute(request("POST", base(id), who, body), { params: Promise.resolve({ id }) }),
  resolve: (who: Who, id: string, commentId: string, resolved: boolean) =>
    patchRoute(request("PATCH", `${base(id)}/${commentId}`, who, { resolved }), { params: Promise.resolve({ id, commentId }) }),
  delete: (who: Who, id: string, commentId: string) => deleteRoute(request("DELETE", `${base(id)}/${commentId}`, who), { params: Promise.resolve({ id, commentId }) }),
  guestComments: (who: Who, id: string, body: unknown) => sharingPatch(request("PATCH", `/api/notebooks/${id}/sharing`, who, body), { params: Promise.resolve({ id }) }),
  sharing: (who: Who, id: string) => sharingGet(request("GET", `/api/notebooks/${id}/sharing`, who), { params: Promise.resolve({ id }) }),
};

interface CommentJson { id: string; body: string; author: { name: string; color: string }; mine: boolean; isNew: boolean }
interface ThreadJson extends CommentJson { resolvedAt: string | null; replies: CommentJson[] }
interface ListJson { threads: ThreadJson[]; canComment: boolean; canReply: boolean }

async function list(who: Who, id: string): Promise<ListJson> {
  const response = await api.list(who, id);
  expect(response.status).toBe(200);
  return (await response.json()) as ListJson;
}

async function created(response: Response): Promise<string> {
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

const failure = async (response: Response) => ({ status: response.status, ...((await response.json()) as { code: string; message: string }) });

for (const backend of testBackends()) {
  describe(`guest replies to comments on ${backend.name}`, () => {
    useRouteDatabase(backend);
    let ada: RoutePerson, grace: RoutePerson;
    /** Which notebooks' rooms were told their comments changed, in order. */
    const told: string[] = [];

    beforeAll(async () => {
      ada = await signUpThroughRoute("Ada");
      grace = await signUpThroughRoute("Grace");
      const nothing = async () => {};
      const rooms: CollabHooks = {
        reauthorize: nothing,
        commentsChanged: async (id) => void told.push(id),
        titleChanged: nothing,
        progressChanged: nothing,
        sessionEnded: nothing,
        change: async () => false,
        liveState: async () => null,
      };
      serverContext().collab = rooms;
    });
    afterAll(() => {
      serverContext().collab = null;
    });

    /** A notebook of Ada's with one code cell and her thread on it, shared as given. */
    async function sharedNotebook(visibility: "private" | "link" | "public", linkRole: "editor" | "viewer" = "viewer") {
      const doc = blankDocument();
      insertCell(doc, { type: "code", source: "total = 0\nfor n in range(3):\n    total += n" }, LOAD);
      const made = await createNotebook(getDb(), { title: "Pair", visibility: "private", ownerId: ada.id, document: doc }, ada);
      if (!made.ok) throw new Error(made.message);
      const id = made.value.id;
      await getDb().notebook.update({ where: { id }, data: { visibility, linkRole } });
      const cell = snapshotNotebook(doc).cells.find((c) => c.source !== "")!.id;
      const thread = await created(await api.post(ada, id, { cellId: cell, body: "Why does this loop start at 0?" }));
      return { id, cell, thread };
    }

    it("lets a guest reply only once the owner allows it, under their name marked (guest), and tells the room", async () => {
      const { id, thread } = await sharedNotebook("link", "viewer");
      const guest = newGuest();
      const reply = { body: "Because range starts at 0.", parentId: thread, guestName: "  Grace  ", guestColor: PRESENCE_COLORS[3] };

      expect(await list(guest, id)).toMatchObject({ canComment: false, canReply: false });
      const refused = await failure(await api.post(guest, id, reply));
      expect(refused).toEqual({ status: 403, code: "forbidden", message: "The owner has not let guests reply to comments on this notebook." });

      // The owner's switch, through the sharing route; the room hears of it (the Reply box appears).
      told.length = 0;
      expect((await api.guestComments(ada, id, { guestComments: true })).status).toBe(204);
      expect(told).toEqual([id]);
      expect(((await (await api.sharing(ada, id)).json()) as { guestComments: boolean }).guestComments).toBe(true);
      expect(await list(guest, id)).toMatchObject({ canComment: false, canReply: true });

      told.length = 0;
      const replyId = await created(await api.post(guest, id, reply));
      expect(told).toEqual([id]);
      const stored = await getDb().comment.findUniqueOrThrow({ where: { id: replyId } });
      expect(stored).toMatchObject({ authorId: null, guestName: "Grace", guestColor: PRESENCE_COLORS[3] });
      // Only the key's hash is kept.
      expect(stored.guestKey).toMatch(/^[0-9a-f]{64}$/);
      expect(stored.guestKey).not.toContain(guest.key);

      const byAda = (await list(ada, id)).threads[0]!.replies;
      expect(byAda.map((r) => [r.id, r.body, r.author, r.mine, r.isNew])).toEqual([
        [replyId, "Because range starts at 0.", { name: "Grace (guest)", color: PRESENCE_COLORS[3] }, false, true],
      ]);
      expect((await list(guest, id)).threads[0]!.replies[0]!.mine).toBe(true);
      expect((await list(newGuest(), id)).threads[0]!.replies[0]!.mine).toBe(false);
      expect((await list(newGuest(null), id)).threads[0]!.replies[0]!.mine).toBe(false);
      expect(JSON.stringify(await list(ada, id))).not.toContain(stored.guestKey!);

      // Switched off again: no more replies; the one made stays.
      expect((await api.guestComments(ada, id, { guestComments: false })).status).toBe(204);
      expect((await api.post(guest, id, reply)).status).toBe(403);
      expect(await list(guest, id)).toMatchObject({ canReply: false });
      expect(await getDb().comment.count({ where: { notebookId: id } })).toBe(2);
    });

    it("lets only the owner switch guest replies, with a checked body", async () => {
      const { id } = await sharedNotebook("link", "editor");
      await getDb().notebookShare.create({ data: { notebookId: id, email: grace.email, role: "editor" } });
      expect((await api.guestComments(grace, id, { guestComments: true })).status).toBe(404);
      expect((await failure(await api.guestComments(newGuest(), id, { guestComments: true }))).status).toBe(401);
      for (const body of [{ guestComments: "yes" }, {}, { guestComments: true, visibility: "public" }]) {
        expect((await api.guestComments(ada, id, body)).status, JSON.stringify(body)).toBe(400);
      }
      expect((await getDb().notebook.findUniqueOrThrow({ where: { id } })).guestComments).toBe(false);
    });

    it("never lets a guest start a thread, resolve, reopen or reply to a resolved thread, even where the link edits", async () => {
      const { id, cell, thread } = await sharedNotebook("link", "editor");
      await getDb().notebook.update({ where: { id }, data: { guestComments: true } });
      const guest = newGuest();
      const before = await getDb().comment.count();

      expect(await failure(await api.post(guest, id, { cellId: cell, body: "A thread of my own", guestName: "Grace" }))).toEqual({
        status: 403,
        code: "forbidden",
        message: "Guests cannot start a comment thread; sign in to start one.",
      });
      expect(await failure(await api.resolve(guest, id, thread, true))).toMatchObject({ status: 403, code: "forbidden", message: "Only editors can resolve comments; sign in first." });
      expect((await getDb().comment.findUniqueOrThrow({ where: { id: thread } })).resolvedAt).toBeNull();

      expect((await api.resolve(ada, id, thread, true)).status).toBe(204);
      expect(await failure(await api.resolve(guest, id, thread, false))).toMatchObject({ status: 403, message: "Only editors can reopen comments; sign in first." });
      const late = await failure(await api.post(guest, id, { body: "One more thing", parentId: thread, guestName: "Grace" }));
      expect(late).toMatchObject({ status: 403, message: "This thread is resolved; only editors can reopen it." });
      expect((await getDb().comment.findUniqueOrThrow({ where: { id: thread } })).resolvedAt).not.toBeNull();
      expect(await getDb().comment.count()).toBe(before);
    });

    it("lets a guest delete their own reply, by their key, and no one else's", async () => {
      const { id, thread } = await sharedNotebook("public");
      await getDb().notebook.update({ where: { id }, data: { guestComments: true } });
      const [grace, alan] = [newGuest(), newGuest()];
      const graces = await created(await api.post(grace, id, { body: "Grace's reply", parentId: thread, guestName: "Grace" }));
      const alans = await created(await api.post(alan, id, { body: "Alan's reply", parentId: thread, guestName: "Alan" }));

      expect(await failure(await api.delete(alan, id, graces))).toMatchObject({ status: 403, message: "Only its author can delete a comment." });
      expect((await api.delete(newGuest(null), id, graces)).status).toBe(403);
      // Nor the owner (a person deletes only their own words), nor a guest the thread they reply to.
      expect((await api.delete(ada, id, graces)).status).toBe(403);
      expect((await api.delete(grace, id, thread)).status).toBe(403);
      expect(await getDb().comment.count({ where: { notebookId: id } })).toBe(3);

      // Still theirs to take back after the owner stops guest replies.
      await getDb().notebook.update({ where: { id }, data: { guestComments: false } });
      told.length = 0;
      expect((await api.delete(grace, id, graces)).status).toBe(204);
      expect(told).toEqual([id]);
      expect((await list(ada, id)).threads[0]!.replies.map((r) => r.id)).toEqual([alans]);
    });

    it("answers a guest 404 on a private notebook whatever its setting, exactly as for no notebook", async () => {
      const { id, thread } = await sharedNotebook("private");
      await getDb().notebook.update({ where: { id }, data: { guestComments: true } });
      const guest = newGuest();
      const reply = { body: "Let me in", parentId: thread, guestName: "Grace" };
      const attempts = (notebook: string) => [
        () => api.list(guest, notebook),
        () => api.post(guest, notebook, reply),
        () => api.resolve(guest, notebook, thread, true),
        () => api.delete(guest, notebook, thread),
      ];
      const [hidden, missing] = [attempts(id), attempts("no-such-notebook")];
      for (let i = 0; i < hidden.length; i++) {
        const [a, b] = [await hidden[i]!(), await missing[i]!()];
        expect([a.status, b.status], `attempt ${i}`).toEqual([404, 404]);
        expect(await a.text()).toBe(await b.text());
      }
      // An invited viewer does not gain replies from a setting left on while the notebook is private.
      await getDb().notebookShare.create({ data: { notebookId: id, email: grace.email, role: "viewer" } });
      expect(await list(grace, id)).toMatchObject({ canComment: false, canReply: false });
      expect((await api.post(grace, id, { body: "Me?", parentId: thread })).status).toBe(403);
      expect(await getDb().comment.count({ where: { notebookId: id } })).toBe(1);
    });

    it("lets a signed-in reader who may not edit reply where guests may, under their account", async () => {
      const { id, thread } = await sharedNotebook("link", "viewer");
      await getDb().notebook.update({ where: { id }, data: { guestComments: true } });
      expect(await list(grace, id)).toMatchObject({ canComment: false, canReply: true });
      const replyId = await created(await api.post(grace, id, { body: "Signed in, viewing", parentId: thread, guestName: "Not me" }));
      expect((await list(grace, id)).threads[0]!.replies).toMatchObject([{ id: replyId, author: { name: "Grace" }, mine: true }]);
      expect((await api.post(grace, id, { cellId: (await getDb().comment.findUniqueOrThrow({ where: { id: thread } })).cellId, body: "A thread" })).status).toBe(403);
    });

    it("checks the guest's name and colour, their key and the body, storing nothing bad", async () => {
      const { id, thread } = await sharedNotebook("link");
      await getDb().notebook.update({ where: { id }, data: { guestComments: true } });
      const guest = newGuest();
      const before = await getDb().comment.count();
      const cases: [Guest, Record<string, unknown>, RegExp][] = [
        [guest, { body: "Hi", parentId: thread }, /a guest's reply needs a guestName/],
        [guest, { body: "Hi", parentId: thread, guestName: "   " }, /guestName: a guest name cannot be empty/],
        [guest, { body: "Hi", parentId: thread, guestName: "x".repeat(61) }, /guestName: a guest name has at most 60 characters/],
        [guest, { body: "Hi", parentId: thread, guestName: 7 }, /\(guestName: /],
        [guest, { body: "Hi", parentId: thread, guestName: "Grace", guestColor: "#000000" }, /\(guestColor: /],
        [guest, { body: "  ", parentId: thread, guestName: "Grace" }, /cannot be empty/],
        [guest, { body: "y".repeat(5001), parentId: thread, guestName: "Grace" }, /at most 5000 characters; this one has 5001/],
        [newGuest(null), { body: "Hi", parentId: thread, guestName: "Grace" }, /needs the browser's key/],
        [newGuest("too-short"), { body: "Hi", parentId: thread, guestName: "Grace" }, /needs the browser's key/],
      ];
      for (const [who, body, expected] of cases) {
        const refused = await failure(await api.post(who, id, body));
        expect(refused.status, JSON.stringify(body)).toBe(400);
        expect(refused.message).toMatch(expected);
      }
      expect(await getDb().comment.count()).toBe(before);
      // Sixty characters after trimming is the limit, not over it.
      await created(await api.post(guest, id, { body: "Hi", parentId: thread, guestName: ` ${"z".repeat(60)} ` }));
    });

    it("counts guests' replies per address, refusing past the limit and creating nothing", async () => {
      const limit = settings().limits.guestComment;
      const { id, thread } = await sharedNotebook("link");
      await getDb().notebook.update({ where: { id }, data: { guestComments: true } });
      const crowd = { key: randomBytes(32).toString("base64url"), address: `198.18.0.${backend.name === "sqlite" ? 1 : 2}` };
      for (let i = 1; i <= limit; i++) await created(await api.post(crowd, id, { body: `Reply ${i}`, parentId: thread, guestName: "Crowd" }));
      const refused = await api.post(crowd, id, { body: "One too many", parentId: thread, guestName: "Crowd" });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await failure(refused)).code).toBe("rate_limited");
      expect(await getDb().comment.count({ where: { notebookId: id, body: "One too many" } })).toBe(0);
      // Another address, and anyone signed in from any address, are not held back.
      await created(await api.post(newGuest(), id, { body: "From elsewhere", parentId: thread, guestName: "Other" }));
      await created(await api.post({ ...ada, address: crowd.address }, id, { body: "The owner", parentId: thread }));
    });
  });
}
