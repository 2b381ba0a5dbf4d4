/**
 * The library on each database: search by title and by content, recently opened, rename, the
 * trash (unreadable while there, restorable by its owner, gone after 30 days), and nothing of it
 * for anyone but the owner.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { insertCell, LOAD } from "@/lib/notebook";
import { createDb, type Db } from "@/lib/server/db/client";
import { migrateDatabase } from "@/lib/server/db/migrate";
import { canRead, type AccessViewer } from "@/lib/server/notebooks/access";
import { blankDocument, createNotebook } from "@/lib/server/notebooks/create";
import {
  backfillSearchText,
  loadLibrary,
  purgeTrash,
  recordVisit,
  renameNotebook,
  restoreNotebook,
  trashNotebook,
} from "@/lib/server/notebooks/library";
import { testBackends } from "../support/databases";

const DAY = 24 * 60 * 60 * 1000;

function withCode(code: string): Y.Doc {
  const doc = blankDocument();
  insertCell(doc, { type: "code", source: code }, LOAD);
  return doc;
}

for (const backend of testBackends()) {
  describe(`library on ${backend.name}`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;
    let ada: AccessViewer;
    let grace: AccessViewer;

    beforeAll(async () => {
      const made = await backend.makeConfig();
      cleanup = made.cleanup;
      await migrateDatabase(made.config);
      db = createDb(made.config);
      ada = await db.user.create({ data: { name: "Ada", email: "ada@example.com" }, select: { id: true, email: true } });
      grace = await db.user.create({ data: { name: "Grace", email: "grace@example.com" }, select: { id: true, email: true } });
    });
    afterAll(async () => {
      await db?.$disconnect();
      await cleanup?.();
    });

    async function make(owner: AccessViewer, title: string, code = "") {
      const made = await createNotebook(db, { title, ownerId: owner.id, document: withCode(code) }, owner);
      if (!made.ok) throw new Error(made.message);
      return made.value;
    }

    it("lists my notebooks, searched by title and by the code in them", async () => {
      const gc = await make(ada, "Garbage collection", "import gc\ngc.collect()");
      const refs = await make(ada, "Reference counts", "import sys\nsys.getrefcount(Wibble())");
      await make(grace, "Grace's Wibble notes", "wibble = 1");

      const all = await loadLibrary(db, ada);
      expect(all.mine.map((n) => n.title).sort()).toEqual(["Garbage collection", "Reference counts"]);
      expect((await loadLibrary(db, ada, "garbage")).mine.map((n) => n.id)).toEqual([gc.id]);
      // Content, case-insensitively; never someone else's notebook.
      expect((await loadLibrary(db, ada, "WIBBLE")).mine.map((n) => n.id)).toEqual([refs.id]);
      expect((await loadLibrary(db, ada, "no such words")).mine).toEqual([]);
    });

    it("remembers what I opened, newest first, including notebooks shared with me", async () => {
      const mine = await make(ada, "Mine");
      const theirs = await make(grace, "Theirs (link)");
      await recordVisit(db, ada.id, mine.id, new Date("2026-12-01T10:00:00Z"));
      await recordVisit(db, ada.id, theirs.id, new Date("2026-12-01T11:00:00Z"));
      const { recent } = await loadLibrary(db, ada);
      expect(recent.slice(0, 2).map((n) => [n.title, n.owned])).toEqual([
        ["Theirs (link)", false],
        ["Mine", true],
      ]);
    });

    it("lists what others shared with me by email, with my role", async () => {
      const theirs = await make(grace, "Grace's private notes");
      await db.notebookShare.create({ data: { notebookId: theirs.id, email: "ADA@example.com".toLowerCase(), role: "viewer" } });
      const { shared } = await loadLibrary(db, ada);
      expect(shared.map((n) => [n.title, n.role, n.ownerName])).toContainEqual(["Grace's private notes", "viewer", "Grace"]);
      expect((await loadLibrary(db, grace)).shared.map((n) => n.id)).not.toContain(theirs.id);
    });

    it("renames for whoever may edit and trashes for the owner only; to anyone else the notebook is not there", async () => {
      const nb = await make(ada, "Draft");
      await db.notebook.update({ where: { id: nb.id }, data: { visibility: "private" } });
      expect(await renameNotebook(db, grace, nb.id, "Hijacked")).toMatchObject({ ok: false, code: "not_found" });
      expect(await renameNotebook(db, null, nb.id, "Hijacked")).toMatchObject({ ok: false, code: "not_found" });
      expect(await trashNotebook(db, grace.id, nb.id)).toMatchObject({ ok: false, code: "not_found" });
      expect(await renameNotebook(db, ada, nb.id, "   ")).toMatchObject({ ok: false, code: "bad_request" });
      expect(await renameNotebook(db, ada, nb.id, "x".repeat(201))).toMatchObject({ ok: false, code: "bad_request" });
      expect(await renameNotebook(db, ada, nb.id, "  Final   draft ")).toEqual({ ok: true });
      expect((await db.notebook.findUniqueOrThrow({ where: { id: nb.id } })).title).toBe("Final draft");
      // A link that edits lets a guest rename; a link that views does not.
      await db.notebook.update({ where: { id: nb.id }, data: { visibility: "link", linkRole: "viewer" } });
      expect(await renameNotebook(db, null, nb.id, "Guest's")).toMatchObject({ ok: false, code: "not_found" });
      await db.notebook.update({ where: { id: nb.id }, data: { linkRole: "editor" } });
      expect(await renameNotebook(db, null, nb.id, "Guest's title")).toEqual({ ok: true });
      expect((await db.notebook.findUniqueOrThrow({ where: { id: nb.id } })).title).toBe("Guest's title");
    });

    it("keeps a trashed notebook unreadable and restorable for 30 days, then removes it", async () => {
      const nb = await make(ada, "Old notes");
      const deletedAt = new Date(Date.now() - 10 * DAY);
      expect(await trashNotebook(db, ada.id, nb.id, deletedAt)).toEqual({ ok: true });
      const row = await db.notebook.findUniqueOrThrow({ where: { id: nb.id }, select: { visibility: true, ownerId: true, deletedAt: true } });
      expect(canRead(row, ada)).toBe(false);
      let library = await loadLibrary(db, ada);
      expect(library.mine.map((n) => n.id)).not.toContain(nb.id);
      expect(library.trash.map((n) => n.id)).toContain(nb.id);
      expect(await restoreNotebook(db, grace.id, nb.id)).toMatchObject({ ok: false, code: "not_found" });

      expect(await restoreNotebook(db, ada.id, nb.id)).toEqual({ ok: true });
      library = await loadLibrary(db, ada);
      expect(library.mine.map((n) => n.id)).toContain(nb.id);

      await trashNotebook(db, ada.id, nb.id, new Date(Date.now() - 31 * DAY));
      expect((await loadLibrary(db, ada)).trash.map((n) => n.id)).not.toContain(nb.id);
      expect(await purgeTrash(db)).toBeGreaterThanOrEqual(1);
      expect(await db.notebook.findUnique({ where: { id: nb.id } })).toBeNull();
    });

    it("fills in the search text of documents stored before it existed", async () => {
      const nb = await make(ada, "Before search", "print('ancient words')");
      await db.notebookDocument.update({ where: { notebookId: nb.id }, data: { searchText: "" } });
      expect((await loadLibrary(db, ada, "ancient")).mine).toEqual([]);
      expect(await backfillSearchText(db)).toBeGreaterThanOrEqual(1);
      expect((await loadLibrary(db, ada, "ancient")).mine.map((n) => n.id)).toEqual([nb.id]);
    });
  });
}
