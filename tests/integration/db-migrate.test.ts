/**
 * migrateDatabase on a real database: from empty, idempotent, all-or-nothing when a migration
 * fails, and refusing to go on when applied migrations were edited or removed. On SQLite, and on
 * PostgreSQL when TEST_DATABASE_URL is set. Each test works on a copy of the committed migrations.
 */
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DbConfig } from "@/lib/server/db/config";
import { MigrationError, MigrationHistoryError } from "@/lib/server/db/errors";
import { migrateDatabase } from "@/lib/server/db/migrate";
import { checksumOf, migrationsDirFor, readMigrations } from "@/lib/server/db/migrations/files";
import { dbState, rawQuery, tableNames } from "../support/inspect";
import { projectRoot, testBackends } from "../support/databases";

const MODEL_TABLES = ["Account", "Lesson", "Notebook", "NotebookDocument", "NotebookUpdate", "Session", "User", "Verification"];

const BROKEN = `-- Valid statements first, then one that fails: none of them may stick.
ALTER TABLE "User" ADD COLUMN "nickname" TEXT;
UPDATE "User" SET "name" = 'changed; by the broken migration';
CREATE TABLE "Extra" ("id" INTEGER NOT NULL PRIMARY KEY);
INSERT INTO "User" ("id", "name", "email", "updatedAt") VALUES ('u2', 'Second', 'u2@example.com', CURRENT_TIMESTAMP);
SELECT * FROM "DoesNotExist";
`;
const FIXED = BROKEN.replace(`SELECT * FROM "DoesNotExist";\n`, "");

for (const backend of testBackends()) {
  describe(`migrateDatabase on ${backend.name}`, () => {
    let config: DbConfig;
    let cleanup: () => Promise<void>;
    let work: string;
    let dir: string;
    const committed = readMigrations(migrationsDirFor(backend.name, projectRoot)).migrations;

    beforeEach(async () => {
      ({ config, cleanup } = await backend.makeConfig());
      work = mkdtempSync(path.join(tmpdir(), "tandem-migrations-"));
      dir = path.join(work, backend.name);
      cpSync(migrationsDirFor(backend.name, projectRoot), dir, { recursive: true });
    });
    afterEach(async () => {
      rmSync(work, { recursive: true, force: true });
      await cleanup();
    });

    const migrate = () => migrateDatabase(config, { migrationsDir: dir });
    const addMigration = (name: string, sql: string) => {
      mkdirSync(path.join(dir, name), { recursive: true });
      writeFileSync(path.join(dir, name, "migration.sql"), sql);
      return path.join(dir, name, "migration.sql");
    };
    const insertUser = () =>
      rawQuery(config, `INSERT INTO "User" ("id", "name", "email", "updatedAt") VALUES ('u1', 'First', 'u1@example.com', CURRENT_TIMESTAMP)`);

    it("migrates an empty database and records each migration in _prisma_migrations", async () => {
      expect(committed.length).toBeGreaterThan(0);
      if (config.provider === "sqlite") expect(existsSync(path.dirname(config.file))).toBe(false);

      const { applied } = await migrate();

      expect(applied).toEqual(committed.map((m) => m.name));
      expect(await tableNames(config)).toEqual(expect.arrayContaining([...MODEL_TABLES, "_prisma_migrations"]));
      const { history } = await dbState(config);
      expect(history).toEqual(
        committed.map((m) =>
          expect.objectContaining({ migration_name: m.name, checksum: checksumOf(m.script), rolled_back_at: null, applied_steps_count: 1 }),
        ),
      );
      for (const row of history as Array<{ finished_at: unknown }>) expect(row.finished_at).not.toBeNull();
    });

    it("applies nothing the second time, and serialises concurrent runs", async () => {
      const [a, b] = await Promise.all([migrate(), migrate()]);
      expect([...a.applied, ...b.applied]).toEqual(committed.map((m) => m.name));
      expect(await migrate()).toEqual({ applied: [] });
      expect((await dbState(config)).history).toHaveLength(committed.length);
    });

    it("leaves schema, data and history exactly as they were when a migration fails", async () => {
      await migrate();
      await insertUser();
      const before = await dbState(config);
      const file = addMigration("99990101000000_broken", BROKEN);

      const error = await migrate().then(
        () => null,
        (e: unknown) => e,
      );

      expect(error).toBeInstanceOf(MigrationError);
      const failure = error as MigrationError;
      expect(failure.migration).toBe("99990101000000_broken");
      expect(failure.file).toBe(file);
      expect(failure.message).toContain(file);
      expect(failure.message).toMatch(/DoesNotExist/);
      expect(await dbState(config)).toEqual(before);

      // Nothing was recorded as failed: once fixed, the same migration simply applies.
      writeFileSync(file, FIXED);
      expect(await migrate()).toEqual({ applied: ["99990101000000_broken"] });
      expect(await rawQuery(config, `SELECT "id", "name", "nickname" FROM "User" ORDER BY "id"`)).toEqual([
        { id: "u1", name: "changed; by the broken migration", nickname: null },
        { id: "u2", name: "Second", nickname: null },
      ]);
    });

    it("refuses a migration that would end its transaction", async () => {
      await migrate();
      addMigration("99990101000000_commit", `CREATE TABLE "Extra" ("id" INTEGER);\nCOMMIT;\n`);
      await expect(migrate()).rejects.toThrow(/99990101000000_commit[\s\S]*COMMIT;/);
      expect(await tableNames(config)).not.toContain("Extra");
    });

    it("detects an applied migration whose file changed, and one whose file is gone", async () => {
      await migrate();
      const init = committed[0]!;
      const initFile = path.join(dir, init.name, "migration.sql");

      // Line endings alone do not count as a change (a Windows checkout).
      writeFileSync(initFile, init.script.replaceAll("\n", "\r\n"));
      expect(await migrate()).toEqual({ applied: [] });

      appendFileSync(initFile, "\n-- edited after it was applied\n");
      const edited = await migrate().catch((e: unknown) => e);
      expect(edited).toBeInstanceOf(MigrationHistoryError);
      expect((edited as MigrationHistoryError).problems).toEqual([{ kind: "modified", migration: init.name, file: initFile }]);
      expect((edited as Error).message).toContain(initFile);

      rmSync(path.dirname(initFile), { recursive: true });
      const missing = await migrate().catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(MigrationHistoryError);
      expect((missing as MigrationHistoryError).problems).toEqual([{ kind: "missing", migration: init.name, file: initFile }]);
    });

    it("refuses a migrations folder entry without migration.sql", async () => {
      mkdirSync(path.join(dir, "99990101000000_empty"));
      await expect(migrate()).rejects.toThrow(/99990101000000_empty[\\/]migration\.sql/);
    });

    it("refuses migrations written for the other database", async () => {
      const other = backend.name === "sqlite" ? "postgresql" : "sqlite";
      const lock = readFileSync(path.join(dir, "migration_lock.toml"), "utf8");
      writeFileSync(path.join(dir, "migration_lock.toml"), lock.replace(`"${backend.name}"`, `"${other}"`));
      await expect(migrate()).rejects.toThrow(`provider "${other}"`);
    });
  });
}
