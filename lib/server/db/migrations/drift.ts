// Drift: the difference between what the committed migrations build and what a schema describes.
// Used by db:migration (to check its starting point) and by the drift tests.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type DbConfig, type SqliteConfig } from "../config";
import { migrateDatabase } from "../migrate";
import { diffDatabaseToSchema } from "./engine";
import { schemaFileFor } from "./schema-files";

/**
 * Applies the migrations of `migrationsDir` to the (empty) database of `config`, then returns the
 * SQL that would still be needed to reach `schemaSource`: null means none, i.e. no drift.
 */
export async function migrateAndDiff(config: DbConfig, migrationsDir: string, schemaSource: string): Promise<string | null> {
  await migrateDatabase(config, { migrationsDir });
  return diffDatabaseToSchema(config, schemaFileFor(schemaSource, config.provider));
}

/** Runs `fn` with a SQLite database in a fresh temporary folder, removed afterwards. */
export async function withScratchSqlite<T>(fn: (config: SqliteConfig) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(tmpdir(), "tandem-scratch-"));
  const file = path.join(dir, "scratch.db");
  try {
    return await fn({ provider: "sqlite", url: `file:${file}`, file });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
