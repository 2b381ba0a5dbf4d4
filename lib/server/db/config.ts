// Which database Tandem uses, from DATABASE_URL:
//   unset/empty            -> SQLite at ./data/tandem.db under the project root (process.cwd())
//   file:<path>            -> SQLite; a relative path is relative to the project root
//   postgres[ql]://...     -> PostgreSQL; `?schema=<name>` selects a schema other than "public"
// Anything else is refused early, with the offending value (password masked).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DatabaseConfigError } from "./errors";

export const DEFAULT_DATABASE_URL = "file:./data/tandem.db";

export type SqliteConfig = {
  provider: "sqlite";
  /** Normalized: `file:` + the absolute path. */
  url: string;
  /** Absolute path of the database file. */
  file: string;
};

export type PostgresConfig = {
  provider: "postgresql";
  /** As given (may contain a password: never print it, use describeDb). */
  url: string;
  /** Schema holding Tandem's tables, from `?schema=`; "public" by default. */
  schema: string;
};

export type DbConfig = SqliteConfig | PostgresConfig;
export type DbProvider = DbConfig["provider"];

// Unquoted-identifier-like names only: the schema name goes into search_path and into SQL, and a
// plain name needs no escaping rules anyone has to remember.
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Parses a DATABASE_URL value. `root` anchors relative SQLite paths. */
export function parseDatabaseUrl(raw: string | undefined, root: string = process.cwd()): DbConfig {
  const value = raw?.trim() || DEFAULT_DATABASE_URL;
  if (value.startsWith("file:")) return parseSqliteUrl(value, root);
  if (/^postgres(ql)?:\/\//i.test(value)) return parsePostgresUrl(value);
  throw new DatabaseConfigError(
    `DATABASE_URL=${JSON.stringify(redactUrl(value))} is not supported. Use file:<path> for SQLite ` +
      `(default ${DEFAULT_DATABASE_URL}) or postgresql://user:password@host:5432/database for PostgreSQL.`,
  );
}

/** The database config of this process (DATABASE_URL, or the SQLite default). */
export function dbConfigFromEnv(env: Record<string, string | undefined> = process.env, root: string = process.cwd()): DbConfig {
  return parseDatabaseUrl(env.DATABASE_URL, root);
}

function parseSqliteUrl(value: string, root: string): SqliteConfig {
  let rest = value.slice("file:".length);
  if (rest.includes("?")) {
    throw new DatabaseConfigError(
      `DATABASE_URL=${JSON.stringify(value)}: query parameters are not supported for SQLite; give just file:<path>.`,
    );
  }
  // file:///abs/path is the URL form of an absolute path; file:./x and file:/abs are Prisma's forms.
  if (rest.startsWith("//")) {
    try {
      rest = fileURLToPath(value);
    } catch (error) {
      throw new DatabaseConfigError(`DATABASE_URL=${JSON.stringify(value)} is not a valid file URL: ${String(error)}`);
    }
  }
  if (rest === "" || rest === ":memory:" || rest.endsWith("/") || rest.endsWith(path.sep)) {
    throw new DatabaseConfigError(
      `DATABASE_URL=${JSON.stringify(value)} does not name a database file (e.g. ${DEFAULT_DATABASE_URL}).`,
    );
  }
  const file = path.resolve(root, rest);
  return { provider: "sqlite", url: `file:${file}`, file };
}

function parsePostgresUrl(value: string): PostgresConfig {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new DatabaseConfigError(`DATABASE_URL=${JSON.stringify(redactUrl(value))} is not a valid URL.`);
  }
  if (!url.hostname) {
    throw new DatabaseConfigError(`DATABASE_URL=${JSON.stringify(redactUrl(value))} has no host.`);
  }
  const schema = url.searchParams.get("schema") ?? "public";
  if (!SCHEMA_NAME.test(schema)) {
    throw new DatabaseConfigError(
      `DATABASE_URL=${JSON.stringify(redactUrl(value))}: schema ${JSON.stringify(schema)} must be letters, digits ` +
        `and underscores, not starting with a digit.`,
    );
  }
  return { provider: "postgresql", url: value, schema };
}

/** A password-free, human-readable name of the database, for messages and logs. */
export function describeDb(config: DbConfig): string {
  if (config.provider === "sqlite") return `SQLite database ${config.file}`;
  return `PostgreSQL database ${describePostgresTarget(config.url)}`;
}

/** user@host:port/database?schema=x, never the password. */
export function describePostgresTarget(value: string): string {
  try {
    const url = new URL(value);
    const user = url.username ? `${decodeURIComponent(url.username)}@` : "";
    const port = url.port || "5432";
    const database = decodeURIComponent(url.pathname.replace(/^\//, "")) || "(default database)";
    const schema = url.searchParams.get("schema");
    return `${user}${url.hostname}:${port}/${database}${schema ? `?schema=${schema}` : ""}`;
  } catch {
    return redactUrl(value);
  }
}

/** Masks the password of a URL-looking string, even when it does not parse. */
export function redactUrl(value: string): string {
  // Greedy up to the last "@" before the path: an unencoded "@" in a password stays masked.
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@?#]*):[^/?#]*@/i, "$1:***@");
}
