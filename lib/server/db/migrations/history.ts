// Comparing the database's _prisma_migrations rows with the migration files, as `prisma migrate
// deploy` does: rolled-back rows are ignored, a started-but-unfinished row is a failed migration,
// a finished row must still have its file, unchanged.
import path from "node:path";
import { type MigrationProblem, MigrationHistoryError } from "../errors";
import { type MigrationFile, MIGRATION_SCRIPT, checksumMatches } from "./files";

/** The columns of a _prisma_migrations row that matter here. */
export type AppliedRow = {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
};

/** What migrate.ts hands to a provider's runner. */
export type RunnerArgs<C> = {
  config: C;
  /** The provider's migrations folder. */
  dir: string;
  migrations: MigrationFile[];
  /** Password-free description of the database, for messages. */
  database: string;
  log: (line: string) => void;
};

export type MigrationPlan = { pending: MigrationFile[]; problems: MigrationProblem[] };

export function planMigrations(dir: string, files: MigrationFile[], rows: AppliedRow[]): MigrationPlan {
  const byName = new Map(files.map((m) => [m.name, m]));
  const applied = new Set<string>();
  const problems: MigrationProblem[] = [];
  for (const row of rows) {
    if (row.rolled_back_at != null) continue;
    const file = byName.get(row.migration_name);
    const filePath = file?.file ?? path.join(dir, row.migration_name, MIGRATION_SCRIPT);
    if (row.finished_at == null) {
      problems.push({ kind: "failed", migration: row.migration_name, file: filePath });
    } else if (!file) {
      problems.push({ kind: "missing", migration: row.migration_name, file: filePath });
    } else if (!checksumMatches(file.script, row.checksum)) {
      problems.push({ kind: "modified", migration: row.migration_name, file: filePath });
    }
    applied.add(row.migration_name);
  }
  return { pending: files.filter((m) => !applied.has(m.name)), problems };
}

/**
 * The migrations still to apply, or an error: MigrationHistoryError when history and files
 * disagree; a plain Error when there are no migrations at all (an incomplete checkout; with a
 * history, that shows as "missing" files instead).
 */
export function pendingOrThrow(args: { dir: string; migrations: MigrationFile[]; database: string }, rows: AppliedRow[]): MigrationFile[] {
  const { pending, problems } = planMigrations(args.dir, args.migrations, rows);
  if (problems.length > 0) throw new MigrationHistoryError(problems, args.database);
  if (args.migrations.length === 0) {
    throw new Error(`No migrations in ${args.dir}: the checkout is incomplete (expected <timestamp>_init/${MIGRATION_SCRIPT}).`);
  }
  return pending;
}

/** ISO 8601 with an explicit offset, the format Prisma's engine writes to SQLite's DATETIME columns. */
export function sqliteTimestamp(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}
