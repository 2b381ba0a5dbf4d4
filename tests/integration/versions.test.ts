/**
 * Versions on each database, without the collaboration server (so restores take the stored-log
 * path of documents/service.ts): editors save and restore, a viewer only looks, a stranger finds
 * nothing; a restore is a new logged update, never a rewrite; an automatic version is kept only
 * when something changed; the comparison goes cell by cell.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteCell, insertCell, LOAD, setSource, snapshotNotebook, type CellId } from "@/lib/notebook";
import { changeDocument, readDocument } from "@/lib/server/documents/service";
import { disconnectDb, getDb } from "@/lib/server/db/client";
import { migrateDatabase } from "@/lib/server/db/migrate";
import { blankDocument, createNotebook } from "@/lib/server/notebooks/create";
import { invite } from "@/lib/server/notebooks/sharing";
import { keepAutoVersion, listVersions, loadVersion, restoreCellFromVersion, restoreVersion, saveVersion } from "@/lib/server/notebooks/versions";
import { testBackends } from "../support/databases";

for (const backend of testBackends()) {
  describe(`versions on ${backend.name}`, () => {
    let cleanup: () => Promise<void>;
    const people: Record<string, { id: string; email: string; name: string }> = {};

    beforeAll(async () => {
      const made = await backend.makeConfig();
      cleanup = made.cleanup;
      await migrateDatabase(made.config);
      getDb(made.config);
      for (const name of ["Ada", "Grace", "Eve"]) {
        people[name] = await getDb().user.create({ data: { name, email: `${name.toLowerCase()}@example.com` }, select: { id: true, email: true, name: true } });
      }
    });
    afterAll(async () => {
      await disconnectDb();
      await cleanup?.();
    });

    it("saves, lists, compares and restores; a viewer only looks and a stranger finds nothing", async () => {
      const { Ada, Grace, Eve } = people as Required<typeof people>;
      const doc = blankDocument();
      insertCell(doc, { type: "markdown", source: "# Notes" }, LOAD);
      const made = await createNotebook(getDb(), { title: "Notes", visibility: "private", ownerId: Ada!.id, document: doc }, Ada!);
      if (!made.ok) throw new Error(made.message);
      const { id, slug } = made.value;
      await invite(getDb(), Ada!.id, id, { email: Grace!.email, role: "viewer" });

      expect(await saveVersion(getDb(), Ada!, id, "  First   draft ")).toEqual({ ok: true });
      expect(await saveVersion(getDb(), Grace!, id, "Mine")).toMatchObject({ ok: false, code: "not_found" });
      expect(await saveVersion(getDb(), Ada!, id, "  ")).toMatchObject({ ok: false, code: "bad_request" });

      const listed = await listVersions(getDb(), Grace!, slug);
      expect(listed?.versions.map((v) => [v.name, v.kind, v.authorName])).toEqual([["First draft", "manual", "Ada"]]);
      expect(await listVersions(getDb(), Eve!, slug)).toBeNull();
      expect(await listVersions(getDb(), null, slug)).toBeNull();
      const versionId = listed!.versions[0]!.id;
      expect(await loadVersion(getDb(), Eve!, slug, versionId)).toBeNull();

      // Change the notebook after the version (as the room would: a logged update).
      await changeDocument(id, (live) => insertCell(live, { type: "code", source: "x = 1" }, LOAD));
      const logBefore = await getDb().notebookUpdate.count({ where: { notebookId: id } });

      const seen = await loadVersion(getDb(), Grace!, slug, versionId);
      expect(seen?.diff.cells.map((r) => r.status).sort()).toEqual(["added", "unchanged", "unchanged"]);

      expect(await restoreVersion(getDb(), Grace!, id, versionId)).toMatchObject({ ok: false, code: "not_found" });
      expect(await restoreVersion(getDb(), Ada!, id, versionId)).toEqual({ ok: true });
      // A new change in the log, not a rewrite of the stored history.
      expect(await getDb().notebookUpdate.count({ where: { notebookId: id } })).toBe(logBefore + 1);
      const now = await readDocument(id);
      expect(snapshotNotebook(now!).cells.map((c) => c.source)).toEqual(["", "# Notes"]);
    });

    it("keeps an automatic version only when the notebook changed since the latest one", async () => {
      const { Ada } = people as Required<typeof people>;
      const made = await createNotebook(getDb(), { title: "Auto", ownerId: Ada!.id }, Ada!);
      if (!made.ok) throw new Error(made.message);
      const doc = (await readDocument(made.value.id))!;
      expect(await keepAutoVersion(getDb(), made.value.id, doc)).toBe(true);
      expect(await keepAutoVersion(getDb(), made.value.id, doc)).toBe(false);
      insertCell(doc, { type: "code", source: "y = 2" }, LOAD);
      expect(await keepAutoVersion(getDb(), made.value.id, doc)).toBe(true);
    });

    it("restores one cell: a changed one in place, a deleted one after the cell that preceded it", async () => {
      const { Ada, Grace, Eve } = people as Required<typeof people>;
      const doc = blankDocument();
      const first = snapshotNotebook(doc).cells[0]!.id;
      const a = insertCell(doc, { type: "code", source: "a = 1\nb = 2" }, LOAD);
      const b = insertCell(doc, { type: "markdown", source: "# Gone soon" }, LOAD);
      const made = await createNotebook(getDb(), { title: "Cells", visibility: "private", ownerId: Ada!.id, document: doc }, Ada!);
      if (!made.ok) throw new Error(made.message);
      const { id, slug } = made.value;
      await invite(getDb(), Ada!.id, id, { email: Grace!.email, role: "viewer" });
      expect(await saveVersion(getDb(), Ada!, id, "Before")).toEqual({ ok: true });
      const versionId = (await listVersions(getDb(), Ada!, slug))!.versions[0]!.id;

      await changeDocument(id, (live) => {
        setSource(live, a, "a = 1\nb = 3", LOAD);
        deleteCell(live, b, LOAD);
      });
      const seen = await loadVersion(getDb(), Ada!, slug, versionId);
      expect(seen?.diff.cells.map((r) => [r.id, r.status])).toEqual([
        [first, "unchanged"],
        [a, "changed"],
        [b, "deleted"],
      ]);

      // Those who may only read, or not even that, restore nothing.
      expect(await restoreCellFromVersion(getDb(), Grace!, id, versionId, b)).toMatchObject({ ok: false, code: "not_found" });
      expect(await restoreCellFromVersion(getDb(), Eve!, id, versionId, b)).toMatchObject({ ok: false, code: "not_found" });
      expect(await restoreCellFromVersion(getDb(), null, id, versionId, b)).toMatchObject({ ok: false, code: "not_found" });
      expect(await restoreCellFromVersion(getDb(), Ada!, id, versionId, "nope")).toMatchObject({ ok: false, code: "not_found" });

      // A cell added meanwhile at the end stays where it is; the deleted cell returns after `a`.
      await changeDocument(id, (live) => insertCell(live, { type: "code", source: "later()" }, LOAD));
      const logBefore = await getDb().notebookUpdate.count({ where: { notebookId: id } });
      expect(await restoreCellFromVersion(getDb(), Ada!, id, versionId, b)).toEqual({ ok: true });
      expect(await restoreCellFromVersion(getDb(), Ada!, id, versionId, a)).toEqual({ ok: true });
      expect(await getDb().notebookUpdate.count({ where: { notebookId: id } })).toBe(logBefore + 2);
      const now = snapshotNotebook((await readDocument(id))!).cells;
      expect(now.map((c) => [c.id, c.type, c.source])).toEqual([
        [first, "code", ""],
        [a, "code", "a = 1\nb = 2"],
        [b as CellId, "markdown", "# Gone soon"],
        [expect.any(String), "code", "later()"],
      ]);
    });
  });
}
