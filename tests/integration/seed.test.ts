/**
 * From an empty database: migrate, load the seeds twice, and check the catalogue; then change a
 * seed file and check that only the catalogue copy changes. On SQLite, and on PostgreSQL when
 * TEST_DATABASE_URL is set.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/server/db/client";
import { migrateDatabase } from "@/lib/server/db/migrate";
import { documentFromStored, materializeDocument } from "@/lib/server/documents/materialize";
import { loadSeeds } from "@/lib/server/seed/load-seeds";
import { readSeedDirectory } from "@/lib/server/seed/read-seeds";
import { ipynbFromDocument } from "@/lib/notebook/nbformat/convert";
import { testBackends } from "../support/databases";

const root = resolve(import.meta.dirname, "../..");
const shipped = JSON.parse(readFileSync(join(root, "notebooks/python-internals.ipynb"), "utf8")) as {
  metadata: { tandem: { lesson: { title: string } } };
  cells: unknown[];
};

for (const backend of testBackends()) {
  describe(`seeding on ${backend.name}`, () => {
    let db: Db;
    let cleanup: () => Promise<void>;

    beforeAll(async () => {
      const made = await backend.makeConfig();
      cleanup = made.cleanup;
      await migrateDatabase(made.config);
      db = createDb(made.config);
    });

    afterAll(async () => {
      await db?.$disconnect();
      await cleanup?.();
    });

    it("loads the lessons once, however often it runs", async () => {
      const files = readSeedDirectory(join(root, "notebooks"), root);
      expect(await loadSeeds(db, files)).toMatchObject({ created: ["python-internals"], updated: [], unchanged: [] });
      expect(await loadSeeds(db, files)).toMatchObject({ created: [], updated: [], unchanged: ["python-internals"] });
      expect(await db.lesson.count()).toBe(1);
      expect(await db.notebook.count()).toBe(1);
      expect(await db.notebookDocument.count()).toBe(1);

      const lesson = await db.lesson.findUniqueOrThrow({
        where: { slug: "python-internals" },
        include: { notebook: { include: { document: true } } },
      });
      expect(lesson).toMatchObject({ title: "Python Internals", level: "advanced", sourcePath: "notebooks/python-internals.ipynb" });
      expect(lesson.notebook).toMatchObject({ slug: "python-internals", visibility: "public", ownerId: null });
      const stored = lesson.notebook.document!;
      expect(stored.snapshot).toBeInstanceOf(Uint8Array);
      // The Yjs state is the truth: decoded and exported, it is the seed file again.
      expect(ipynbFromDocument(documentFromStored(stored.snapshot))).toEqual(shipped);
      expect(JSON.parse(stored.cells)).toEqual(shipped.cells);
      expect(stored.cellCount).toBe(shipped.cells.length);
    });

    it("updates the catalogue copy when a seed file changes, and leaves people's copies alone", async () => {
      const lessonNotebook = await db.notebook.findUniqueOrThrow({ where: { slug: "python-internals" }, include: { document: true } });
      // A person's fork of the lesson, with its own content and a pending update of the lesson itself.
      const user = await db.user.create({ data: { name: "Ada", email: "ada@example.com" } });
      const forkDoc = materializeDocument(documentFromStored(lessonNotebook.document!.snapshot));
      const fork = await db.notebook.create({
        data: {
          slug: "ada-python-internals",
          title: "My Python Internals",
          ownerId: user.id,
          forkedFromId: lessonNotebook.id,
          document: {
            create: {
              snapshot: forkDoc.snapshot,
              schemaVersion: forkDoc.schemaVersion,
              cells: forkDoc.cells,
              cellCount: forkDoc.cellCount,
            },
          },
        },
        include: { document: true },
      });
      await db.notebookUpdate.create({ data: { notebookId: lessonNotebook.id, update: new Uint8Array([0, 0]) } });

      const dir = mkdtempSync(join(tmpdir(), "tandem-seed-change-"));
      cpSync(join(root, "notebooks"), join(dir, "notebooks"), { recursive: true });
      const changed = structuredClone(shipped);
      changed.metadata.tandem.lesson.title = "Python Internals, revised";
      changed.cells = changed.cells.slice(0, 5);
      writeFileSync(join(dir, "notebooks/python-internals.ipynb"), JSON.stringify(changed, null, 1) + "\n");

      const report = await loadSeeds(db, readSeedDirectory(join(dir, "notebooks"), dir));
      expect(report).toMatchObject({ created: [], updated: ["python-internals"], unchanged: [] });
      const after = await db.notebook.findUniqueOrThrow({ where: { id: lessonNotebook.id }, include: { document: true, lesson: true } });
      expect(after.title).toBe("Python Internals, revised");
      expect(after.lesson?.title).toBe("Python Internals, revised");
      expect(after.document?.cellCount).toBe(5);
      expect(await db.notebookUpdate.count({ where: { notebookId: lessonNotebook.id } })).toBe(0);

      const forkAfter = await db.notebook.findUniqueOrThrow({ where: { id: fork.id }, include: { document: true } });
      expect(forkAfter.title).toBe("My Python Internals");
      expect(forkAfter.document?.cellCount).toBe(shipped.cells.length);
      expect(Buffer.from(forkAfter.document!.snapshot).equals(Buffer.from(fork.document!.snapshot))).toBe(true);
      expect(await db.lesson.count()).toBe(1);
    });
  });
}
