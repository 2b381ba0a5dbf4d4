// Making a migration from a schema change, for both databases at once, with no database server:
// each provider's SQL is the engine's schema-to-schema diff from the schema as of the last
// migration (prisma/migrations/schema.prisma.snapshot) to prisma/schema.prisma. Diffing two schemas
// needs no database (PostgreSQL's side runs on an offline adapter), and using the same two schemas
// for both providers keeps their migrations in step.
//
// The snapshot is only trusted after a check: the committed SQLite migrations, applied to a scratch
// database, must build exactly the snapshot's schema (else a migration was edited or the snapshot
// is stale, and a new migration would be built on a wrong base).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type DbProvider } from "../config";
import { migrateAndDiff, withScratchSqlite } from "./drift";
import { diffSchemas } from "./engine";
import { LOCKFILE, MIGRATION_SCRIPT, lockfileContent, migrationsDirFor, readMigrations } from "./files";
import { PROVIDERS, SCHEMA_PATH, SNAPSHOT_PATH, readSchemaText, schemaFileFor } from "./schema-files";

export class CreateMigrationError extends Error {
  override name = "CreateMigrationError";
}

export type WrittenMigration = { provider: DbProvider; name: string; file: string; sql: string; empty: boolean };

const NAME = /^[a-z][a-z0-9_]{0,59}$/;
const EMPTY_MIGRATION = "-- This is an empty migration.\n";

export async function createMigration(root: string, name: string, now: Date = new Date()): Promise<WrittenMigration[]> {
  if (!NAME.test(name)) {
    throw new CreateMigrationError(
      `Bad migration name ${JSON.stringify(name)}: use lowercase letters, digits and underscores, starting with a ` +
        `letter, at most 60 characters (e.g. add_user_email).`,
    );
  }
  const source = readSchemaText(root);
  const snapshotFile = path.join(root, SNAPSHOT_PATH);
  const previous = existsSync(snapshotFile) ? readFileSync(snapshotFile, "utf8") : null;
  const existing = PROVIDERS.flatMap((provider) => readMigrations(migrationsDirFor(provider, root)).migrations);
  if (previous === null && existing.length > 0) {
    throw new CreateMigrationError(`${SNAPSHOT_PATH} is missing, but migrations exist: restore it from git.`);
  }
  if (previous !== null) await checkSnapshot(root, previous);

  const sql = new Map<DbProvider, string | null>();
  for (const provider of PROVIDERS) {
    const from = previous === null ? null : schemaFileFor(previous, provider);
    const diff = await diffSchemas(provider, from, schemaFileFor(source, provider));
    sql.set(provider, diff === null ? null : tidy(provider, diff));
  }
  if (PROVIDERS.every((p) => sql.get(p) === null)) {
    throw new CreateMigrationError(`No schema change since the last migration: ${SCHEMA_PATH} builds the same tables.`);
  }

  const folder = `${nextTimestamp(now, existing.map((m) => m.name))}_${name}`;
  const written: WrittenMigration[] = [];
  for (const provider of PROVIDERS) {
    const dir = migrationsDirFor(provider, root);
    const target = path.join(dir, folder);
    if (existsSync(target)) throw new CreateMigrationError(`${target} already exists.`);
    mkdirSync(target, { recursive: true });
    const text = sql.get(provider) ?? EMPTY_MIGRATION;
    writeFileSync(path.join(target, MIGRATION_SCRIPT), text);
    if (!existsSync(path.join(dir, LOCKFILE))) writeFileSync(path.join(dir, LOCKFILE), lockfileContent(provider));
    written.push({ provider, name: folder, file: path.join(target, MIGRATION_SCRIPT), sql: text, empty: sql.get(provider) === null });
  }
  writeFileSync(snapshotFile, source);
  return written;
}

async function checkSnapshot(root: string, previous: string): Promise<void> {
  const drift = await withScratchSqlite((config) => migrateAndDiff(config, migrationsDirFor("sqlite", root), previous));
  if (drift !== null) {
    throw new CreateMigrationError(
      `The committed SQLite migrations do not build the schema in ${SNAPSHOT_PATH}; a migration was edited or the ` +
        `snapshot is stale. Fix that first. Difference (SQL from the migrations' result to the snapshot):\n${drift}`,
    );
  }
}

/**
 * From an empty database the PostgreSQL diff starts with CREATE SCHEMA IF NOT EXISTS "public": the
 * runner already creates the configured schema, and the statement needs CREATE rights on the whole
 * database, which an application's database user often lacks even when the schema exists.
 */
function tidy(provider: DbProvider, sql: string): string {
  const out = provider === "postgresql" ? sql.replace(/^-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "public";\n\n/, "") : sql;
  return out.endsWith("\n") ? out : `${out}\n`;
}

/** UTC YYYYMMDDHHMMSS, strictly after every existing migration's (a clock behind or a same-second run). */
function nextTimestamp(now: Date, existingNames: string[]): string {
  const stamp = (d: Date) => d.toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const latest = existingNames.map((n) => n.slice(0, 14)).filter((s) => /^\d{14}$/.test(s)).sort().at(-1);
  if (latest === undefined || stamp(now) > latest) return stamp(now);
  const [y, mo, d, h, mi, s] = [0, 4, 6, 8, 10, 12].map((i) => Number(latest.slice(i, i + (i === 0 ? 4 : 2)))) as [
    number, number, number, number, number, number,
  ];
  return stamp(new Date(Date.UTC(y, mo - 1, d, h, mi, s) + 1000));
}

/** Statements worth a second look before committing: they drop data or fail on non-empty tables. */
export function reviewNotes(sql: string): string[] {
  return sql
    .split(";")
    .map((s) => s.replace(/^\s*--.*$/gm, "").trim())
    .filter((s) => /\bDROP\s+(TABLE|COLUMN)\b/i.test(s) || /\bADD\s+COLUMN\b[^,]*\bNOT NULL\b(?![^,]*\bDEFAULT\b)/i.test(s))
    .map((s) => s.replace(/\s+/g, " "));
}
