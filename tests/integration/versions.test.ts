/**
 * Versions on each database, without the collaboration server (so restores take the stored-log
 * path of documents/service.ts): editors save and restore, a viewer only looks, a stranger finds
 * nothing; a restore is a new logged update, never a rewrite; an automatic version is kept only
 * when something changed; the comparison goes cell by cell.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCell, LOAD, snapshotNotebook, type IpynbCell } from "@/lib/notebook";
import { changeDocument, readDocument } from "@/lib/server/documents/service";
import { disconnectDb, getDb } from "@/lib/server/db/client";
import { migrateDatabase } from "@/lib/server/db/migrate";
import { blankDocument, createNotebook } from "@/lib/server/notebooks/create";
import { invite } from "@/lib/server/notebooks/sharing";
import { compareCells, keepAutoVersion, listVersions, loadVersion, restoreVersion, saveVersion } from "@/lib/server/notebooks/versions";
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
      expect(seen?.comparison.map((r) => r.change).sort()).toEqual(["added", "same", "same"]);

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
  });
}

describe("compareCells", () => {
  const cell = (id: string, source: string, type = "code") => ({ id, cell_type: type, source, metadata: {}, outputs: [], execution_count: null }) as unknown as IpynbCell;
  it("says, cell by cell, what is the same, changed, added and removed", () => {
    const rows = compareCells([cell("a", "x = 1"), cell("b", "y = 2"), cell("c", "gone")], [cell("a", "x = 1"), cell("b", "y = 3"), cell("d", "new")]);
    expect(rows.map((r) => [r.id, r.change])).toEqual([
      ["a", "same"],
      ["b", "changed"],
      ["c", "removed"],
      ["d", "added"],
    ]);
    expect(rows[1]).toMatchObject({ then: "y = 2", now: "y = 3" });
  });
});
