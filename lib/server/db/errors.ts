// Typed errors of the database layer. Each message is meant to be printed as is to a person
// starting the app: it names the file, database or migration at fault and what to do next.
// Nothing here ever includes a database password (see describeDb in ./config).

/** DATABASE_URL (or a config built by hand) cannot be used. */
export class DatabaseConfigError extends Error {
  override name = "DatabaseConfigError";
}

/** The database could not be opened or reached. `target` is a password-free description. */
export class DatabaseConnectionError extends Error {
  override name = "DatabaseConnectionError";
  constructor(
    message: string,
    readonly target: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** One migration's SQL failed. Nothing of it was kept: it ran in a transaction that was rolled back. */
export class MigrationError extends Error {
  override name = "MigrationError";
  /** e.g. "20250101120000_init" */
  readonly migration: string;
  /** Absolute path of the migration.sql that failed. */
  readonly file: string;
  /** `location` is the file, or file:line when the database said where it failed. */
  constructor(args: { migration: string; file: string; cause: unknown; location?: string }) {
    super(
      `Migration ${args.migration} failed and was rolled back (the database is as it was before it).\n` +
        `  file: ${args.location ?? args.file}\n` +
        `  database error: ${errorText(args.cause)}`,
      { cause: args.cause },
    );
    this.migration = args.migration;
    this.file = args.file;
  }
}

export type MigrationProblem =
  /** Applied to the database, but its migration.sql has changed since. */
  | { kind: "modified"; migration: string; file: string }
  /** Applied to the database, but its directory is gone from the migrations folder. */
  | { kind: "missing"; migration: string; file: string }
  /** Recorded as started but never finished (left behind by `prisma migrate`, never by Tandem). */
  | { kind: "failed"; migration: string; file: string }
  /** A migrations folder entry that is not a migration (no migration.sql). */
  | { kind: "malformed"; migration: string; file: string };

/**
 * The database's migration history (`_prisma_migrations`) and the migration files disagree, so
 * applying more migrations could corrupt the schema. Nothing was applied.
 */
export class MigrationHistoryError extends Error {
  override name = "MigrationHistoryError";
  constructor(
    readonly problems: MigrationProblem[],
    readonly database: string,
  ) {
    super(
      `The migration history of ${database} does not match the migration files; nothing was applied.\n` +
        problems.map((p) => `  - ${describeProblem(p)}`).join("\n") +
        "\n  Restore the migration files as they were when applied (git), or point DATABASE_URL at a fresh database.",
    );
  }
}

function describeProblem(p: MigrationProblem): string {
  switch (p.kind) {
    case "modified":
      return `${p.migration}: applied, but ${p.file} was changed afterwards (checksum differs)`;
    case "missing":
      return `${p.migration}: applied, but ${p.file} does not exist`;
    case "failed":
      return `${p.migration}: recorded as failed by an earlier \`prisma migrate\` run (resolve it with \`prisma migrate resolve\`)`;
    case "malformed":
      return `${p.file}: this migration directory has no migration.sql`;
  }
}

/** The message of an unknown thrown value, without stack. */
export function errorText(error: unknown): string {
  // Node reports a refused connection to a name with several addresses (localhost: ::1 and
  // 127.0.0.1) as an AggregateError with an empty message: show the inner errors instead.
  if (error instanceof AggregateError && !error.message) {
    return [...new Set(error.errors.map(errorText))].join("; ");
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    if (!error.message) return typeof code === "string" ? code : error.name;
    return typeof code === "string" && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}
