// Brings a database up to date with the committed migrations (prisma/migrations/<provider>/). Run
// at app start and by `npm run db:migrate`. It applies the SQL itself, without Prisma's schema
// engine, because the engine applies a migration statement by statement outside any transaction
// (a failing migration stays half-applied and blocks all later runs) and because the engine
// (@prisma/schema-engine-wasm) is a dev dependency. The history goes into Prisma's standard
// _prisma_migrations table with Prisma's checksums, so `prisma migrate status` agrees with it.
import { type DbConfig, describeDb } from "./config";
import { readLockProvider, readMigrations, migrationsDirFor, LOCKFILE } from "./migrations/files";
import { migratePostgres } from "./migrations/postgres-runner";
import { migrateSqlite } from "./migrations/sqlite-runner";
import { MigrationHistoryError } from "./errors";

export { MigrationError, MigrationHistoryError, DatabaseConnectionError, DatabaseConfigError } from "./errors";

export type MigrateOptions = {
  /** Project root holding prisma/migrations/. Defaults to process.cwd(). */
  root?: string;
  /** Overrides the folder entirely (tests). Defaults to prisma/migrations/<provider> under root. */
  migrationsDir?: string;
  /** Receives one line per applied migration. Defaults to silence. */
  log?: (line: string) => void;
};

/**
 * Applies every migration not yet recorded in the database, in name order, each atomically.
 * Throws MigrationHistoryError (nothing applied) when applied migrations were edited or deleted,
 * MigrationError (that migration rolled back, earlier ones kept) when one fails, and
 * DatabaseConnectionError when the database cannot be opened.
 */
export async function migrateDatabase(config: DbConfig, options: MigrateOptions = {}): Promise<{ applied: string[] }> {
  const dir = options.migrationsDir ?? migrationsDirFor(config.provider, options.root ?? process.cwd());
  const database = describeDb(config);
  const lockProvider = readLockProvider(dir);
  if (lockProvider !== null && lockProvider !== config.provider) {
    throw new Error(`${dir}/${LOCKFILE} says provider "${lockProvider}", but ${database} is ${config.provider}.`);
  }
  const { migrations, malformed } = readMigrations(dir);
  if (malformed.length > 0) throw new MigrationHistoryError(malformed, database);
  const args = { dir, migrations, database, log: options.log ?? (() => {}) };
  const applied =
    config.provider === "sqlite" ? migrateSqlite({ ...args, config }) : await migratePostgres({ ...args, config });
  return { applied };
}
