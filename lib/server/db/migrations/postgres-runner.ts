// Applies migrations to PostgreSQL, each in its own transaction together with its
// _prisma_migrations row (PostgreSQL's DDL is transactional), so a failing migration leaves schema,
// data and history exactly as they were. The script is sent whole over the simple query protocol,
// which runs multi-statement text as written (PrismaPg's executeScript splits on ";", which breaks
// string literals and function bodies).
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { type PostgresConfig } from "../config";
import { MigrationError } from "../errors";
import { connectPg, quoteIdent } from "../postgres";
import { type MigrationFile, transactionControlIn } from "./files";
import { type AppliedRow, type RunnerArgs, pendingOrThrow } from "./history";

/** The advisory lock key `prisma migrate` takes, so Tandem and the Prisma CLI never migrate at once. */
const MIGRATION_LOCK_KEY = 72707369;

// Prisma's own DDL for the table (schema-engine, PostgreSQL connector).
const createMigrationsTable = (table: string) => `CREATE TABLE IF NOT EXISTS ${table} (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export async function migratePostgres({ config, dir, migrations, database, log }: RunnerArgs<PostgresConfig>): Promise<string[]> {
  const client = await connectPg(config);
  const table = `${quoteIdent(config.schema)}."_prisma_migrations"`;
  try {
    // Session-level lock for the whole run: concurrent starts queue here, then find nothing to do.
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    // Like `prisma migrate deploy`, create the configured schema when it does not exist yet.
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(config.schema)}`).catch(async (error: unknown) => {
      // Lacking CREATE on the database is fine when the schema exists; report anything else.
      const exists = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [config.schema]);
      if (exists.rowCount === 0) throw error;
    });
    await client.query(createMigrationsTable(table));
    const rows = await client.query<AppliedRow>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM ${table} ORDER BY started_at`,
    );
    const pending = pendingOrThrow({ dir, migrations, database }, rows.rows);
    const applied: string[] = [];
    for (const migration of pending) {
      await applyOne(client, table, migration);
      applied.push(migration.name);
      log(`Applied migration ${migration.name}`);
    }
    return applied;
  } finally {
    // Closing the session also releases the advisory lock.
    await client.end().catch(() => {});
  }
}

async function applyOne(client: pg.Client, table: string, migration: MigrationFile): Promise<void> {
  const control = transactionControlIn(migration.script);
  try {
    if (control) throw new Error(`it contains "${control}"; Tandem runs each migration in a transaction of its own`);
    await client.query("BEGIN");
    const startedAt = new Date();
    await client.query(migration.script);
    await client.query(
      `INSERT INTO ${table} (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, $4, 1)`,
      [randomUUID(), migration.checksum, migration.name, startedAt],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    // PostgreSQL reports where in the script it failed (a 1-based character offset): name the line.
    const position = Number((error as { position?: unknown }).position);
    const location = position > 0 ? `${migration.file}:${migration.script.slice(0, position).split("\n").length}` : migration.file;
    throw new MigrationError({ migration: migration.name, file: migration.file, cause: error, location });
  }
}
