/**
 * The databases tests run against: SQLite always, PostgreSQL too when TEST_DATABASE_URL is set
 * (e.g. postgresql://postgres@127.0.0.1:5432/test). Loop over testBackends() and describe() per
 * backend, so that without PostgreSQL its tests are not registered at all (never skipped).
 *
 * Each makeConfig() gives a database of its own: a SQLite file in a fresh temporary folder (the
 * file's own folder not created yet, as for a new user), or a fresh PostgreSQL schema t_<random>.
 * cleanup() removes it, so tests can run in parallel and leave nothing behind.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { type DbConfig, type DbProvider, type PostgresConfig, parseDatabaseUrl } from "@/lib/server/db/config";

export type TestDatabase = { config: DbConfig; cleanup(): Promise<void> };
export type TestBackend = { name: DbProvider; makeConfig(): Promise<TestDatabase> };

/** The project root (tests/support/../..). */
export const projectRoot = path.resolve(import.meta.dirname, "../..");

export function testBackends(env: Record<string, string | undefined> = process.env): TestBackend[] {
  const backends: TestBackend[] = [{ name: "sqlite", makeConfig: makeSqlite }];
  const pgUrl = env.TEST_DATABASE_URL?.trim();
  if (pgUrl) backends.push({ name: "postgresql", makeConfig: () => makePostgres(pgUrl) });
  return backends;
}

async function makeSqlite(): Promise<TestDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), "tandem-test-"));
  const config = parseDatabaseUrl(`file:${path.join(dir, "data", "tandem.db")}`);
  return { config, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function makePostgres(baseUrl: string): Promise<TestDatabase> {
  const schema = `t_${randomBytes(6).toString("hex")}`;
  const url = new URL(baseUrl);
  url.searchParams.set("schema", schema);
  const config = parseDatabaseUrl(url.toString()) as PostgresConfig;
  // Created up front so that tests may use a client without migrating first.
  await adminQuery(baseUrl, `CREATE SCHEMA "${schema}"`);
  return { config, cleanup: () => adminQuery(baseUrl, `DROP SCHEMA IF EXISTS "${schema}" CASCADE`) };
}

/** Runs one statement on `baseUrl`'s database itself (its `schema` parameter dropped): CREATE/DROP SCHEMA or DATABASE. */
export async function adminQuery(baseUrl: string, sql: string): Promise<void> {
  const url = new URL(baseUrl);
  url.searchParams.delete("schema");
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
