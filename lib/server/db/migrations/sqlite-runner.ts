// Applies migrations to SQLite, each in its own transaction together with its _prisma_migrations
// row, so a failing migration leaves schema, data and history exactly as they were.
//
// Foreign keys are switched off around each transaction (SQLite ignores that PRAGMA inside one):
// Prisma's "RedefineTables" steps copy a table, DROP the original and rename the copy, and with
// foreign keys on, that DROP would cascade-delete every child row. This is SQLite's documented
// procedure for schema changes; PRAGMA foreign_key_check before COMMIT still rejects a migration
// that leaves dangling references.
import { randomUUID } from "node:crypto";
import type Database from "better-sqlite3";
import { type SqliteConfig } from "../config";
import { MigrationError } from "../errors";
import { openSqlite } from "../sqlite";
import { type MigrationFile, transactionControlIn } from "./files";
import { type AppliedRow, type RunnerArgs, pendingOrThrow, sqliteTimestamp } from "./history";

// Prisma's own DDL for the table (schema-engine, SQLite connector), so `prisma migrate` and
// `prisma studio` recognise the history.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

export function migrateSqlite({ config, dir, migrations, database, log }: RunnerArgs<SqliteConfig>): string[] {
  const db = openSqlite(config);
  try {
    db.exec(CREATE_MIGRATIONS_TABLE);
    const pending = pendingOrThrow({ dir, migrations, database }, readRows(db));
    const applied: string[] = [];
    for (const migration of pending) {
      if (applyOne(db, migration)) {
        applied.push(migration.name);
        log(`Applied migration ${migration.name}`);
      }
    }
    return applied;
  } finally {
    db.close();
  }
}

function readRows(db: Database.Database): AppliedRow[] {
  return db
    .prepare(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`)
    .all() as AppliedRow[];
}

/** Applies one migration; false when another process applied it meanwhile. */
function applyOne(db: Database.Database, migration: MigrationFile): boolean {
  const control = transactionControlIn(migration.script);
  if (control) {
    throw new MigrationError({
      migration: migration.name,
      file: migration.file,
      cause: new Error(`it contains "${control}"; Tandem runs each migration in a transaction of its own`),
    });
  }
  db.exec("PRAGMA foreign_keys = OFF");
  try {
    // IMMEDIATE takes the write lock now, so two processes starting together apply each migration once.
    db.exec("BEGIN IMMEDIATE");
    const done = db
      .prepare(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = ? AND finished_at IS NOT NULL AND rolled_back_at IS NULL`)
      .get(migration.name);
    if (done) {
      db.exec("ROLLBACK");
      return false;
    }
    const startedAt = sqliteTimestamp(new Date());
    db.exec(migration.script);
    const violations = db.prepare("PRAGMA foreign_key_check").all() as Array<{ table: string; parent: string }>;
    if (violations.length > 0) {
      const sample = violations.slice(0, 3).map((v) => `${v.table} -> ${v.parent}`).join(", ");
      throw new Error(`FOREIGN KEY constraint failed: ${violations.length} row(s) reference missing rows (${sample})`);
    }
    db.prepare(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
    ).run(randomUUID(), migration.checksum, sqliteTimestamp(new Date()), migration.name, startedAt);
    db.exec("COMMIT");
    return true;
  } catch (error) {
    // Some errors (disk full, I/O) already rolled the transaction back.
    if (db.inTransaction) db.exec("ROLLBACK");
    throw new MigrationError({ migration: migration.name, file: migration.file, cause: error });
  } finally {
    db.exec("PRAGMA foreign_keys = ON");
  }
}
