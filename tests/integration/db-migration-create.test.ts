/**
 * `npm run db:migration` (createMigration) on a copy of the project: it refuses bad names and
 * non-changes, writes the same migration for both databases, and what it writes applies to a
 * database holding data without losing any (SQLite rebuilds tables for many changes; with foreign
 * keys on, that would cascade-delete child rows) and leaves no drift.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrateDatabase } from "@/lib/server/db/migrate";
import { CreateMigrationError, createMigration } from "@/lib/server/db/migrations/create";
import { migrateAndDiff } from "@/lib/server/db/migrations/drift";
import { migrationsDirFor } from "@/lib/server/db/migrations/files";
import { SCHEMA_PATH, SNAPSHOT_PATH, readSchemaText } from "@/lib/server/db/migrations/schema-files";
import { rawQuery } from "../support/inspect";
import { projectRoot, testBackends } from "../support/databases";

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), "tandem-project-"));
  cpSync(path.join(projectRoot, "prisma"), path.join(root, "prisma"), { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function editSchema(edit: (text: string) => string) {
  const file = path.join(root, SCHEMA_PATH);
  const before = readFileSync(file, "utf8");
  const after = edit(before);
  expect(after, "the schema edit did not apply").not.toBe(before);
  writeFileSync(file, after);
}
const listing = () => ["sqlite", "postgresql"].map((p) => readdirSync(path.join(root, "prisma/migrations", p)).sort());

describe("createMigration", () => {
  it("refuses bad names and an unchanged schema, writing nothing", async () => {
    const before = listing();
    for (const bad of ["", "Init", "1st", "add-email", "a b", "x".repeat(61)]) {
      await expect(createMigration(root, bad), bad).rejects.toThrow(/Bad migration name/);
    }
    editSchema((s) => s.replace(/^(\/\/ Tandem's data model\.)/m, "// A comment-only change.\n$1"));
    await expect(createMigration(root, "nothing")).rejects.toThrow(CreateMigrationError);
    await expect(createMigration(root, "nothing")).rejects.toThrow(/No schema change/);
    expect(listing()).toEqual(before);
  });

  it("names the migration after every existing one, even with a clock behind", async () => {
    editSchema((s) => s.replace(/^model User \{\n/m, "model User {\n  nickname String?\n"));
    const written = await createMigration(root, "add_nickname", new Date("2000-01-01T00:00:00Z"));
    const [init] = listing()[0]!;
    expect(written.map((w) => w.provider)).toEqual(["sqlite", "postgresql"]);
    expect(new Set(written.map((w) => w.name)).size).toBe(1);
    expect(written[0]!.name > init!).toBe(true);
    expect(written[0]!.name).toMatch(/^\d{14}_add_nickname$/);
    expect(written[1]!.sql).toContain(`ALTER TABLE "User" ADD COLUMN     "nickname" TEXT;`);
    expect(readFileSync(path.join(root, SNAPSHOT_PATH), "utf8")).toBe(readSchemaText(root));
  });
});

for (const backend of testBackends()) {
  describe(`a new migration on ${backend.name}`, () => {
    it("applies over existing data without losing rows, and leaves no drift", async () => {
      const { config, cleanup } = await backend.makeConfig();
      try {
        const migrate = () => migrateDatabase(config, { root });
        await migrate();
        await rawQuery(config, `INSERT INTO "User" ("id", "name", "email", "updatedAt") VALUES ('u1', 'Ada', 'ada@example.com', CURRENT_TIMESTAMP)`);
        await rawQuery(config, `INSERT INTO "Notebook" ("id", "slug", "title", "ownerId", "updatedAt") VALUES ('n1', 's', 'T', 'u1', CURRENT_TIMESTAMP)`);

        editSchema((s) => s.replace(/^model User \{\n/m, "model User {\n  nickname String?\n"));
        const [added] = await createMigration(root, "add_nickname");
        expect(await migrate()).toEqual({ applied: [added!.name] });

        // A changed default: SQLite can only rebuild the table (copy, DROP, rename).
        editSchema((s) => s.replace("  nickname String?\n", '  nickname String? @default("none")\n'));
        const written = await createMigration(root, "nickname_default");
        const mine = written.find((w) => w.provider === backend.name)!;
        if (backend.name === "sqlite") expect(mine.sql).toContain(`DROP TABLE "User"`);
        expect(await migrate()).toEqual({ applied: [mine.name] });

        expect(await rawQuery(config, `SELECT "id", "nickname" FROM "User"`)).toEqual([{ id: "u1", nickname: null }]);
        expect(await rawQuery(config, `SELECT "id", "ownerId" FROM "Notebook"`)).toEqual([{ id: "n1", ownerId: "u1" }]);
        const { config: fresh, cleanup: cleanupFresh } = await backend.makeConfig();
        try {
          expect(await migrateAndDiff(fresh, migrationsDirFor(backend.name, root), readSchemaText(root))).toBeNull();
        } finally {
          await cleanupFresh();
        }
        await expect(createMigration(root, "again")).rejects.toThrow(/No schema change/);
      } finally {
        await cleanup();
      }
    });
  });
}
