// The Prisma driver adapter for a DbConfig. Used by the app's client (./client) and by the schema
// engine when it has to look at a real database (drift checks).
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
// Type-only: erased at run time (and a dependency of both adapters anyway).
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { type DbConfig, type SqliteConfig } from "./config";
import { pgConnectionConfig } from "./postgres";
import { SQLITE_BUSY_TIMEOUT_MS, SQLITE_PRAGMAS, prepareSqliteFile, sqliteOpenError } from "./sqlite";

export function createAdapterFactory(config: DbConfig): SqlMigrationAwareDriverAdapterFactory {
  if (config.provider === "postgresql") {
    // `schema` makes Prisma qualify its queries; search_path (in the connection config) covers raw SQL.
    return new PrismaPg(pgConnectionConfig(config), {
      schema: config.schema,
      onPoolError: (error) => console.error(`[db] PostgreSQL connection error: ${error.message}`),
    });
  }
  return new SqliteAdapterFactory(config);
}

/**
 * PrismaBetterSqlite3 opens the file lazily and has no hook for per-connection PRAGMAs, so this
 * wrapper checks the file first (clear "not a SQLite database" error, parent folder created) and
 * runs SQLITE_PRAGMAS on each connection it opens. better-sqlite3's `timeout` option is the busy
 * timeout; the PRAGMA repeats it so that the setting is visible in one place.
 */
class SqliteAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "sqlite";
  readonly adapterName: string;
  readonly #inner: PrismaBetterSqlite3;

  constructor(private readonly config: SqliteConfig) {
    this.#inner = new PrismaBetterSqlite3({ url: config.file, timeout: SQLITE_BUSY_TIMEOUT_MS });
    this.adapterName = this.#inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    prepareSqliteFile(this.config);
    return this.#configure(await this.#inner.connect());
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    // An in-memory database (the adapter's default shadow): nothing on disk to check.
    return this.#inner.connectToShadowDb();
  }

  async #configure(adapter: SqlDriverAdapter): Promise<SqlDriverAdapter> {
    try {
      await adapter.executeScript(SQLITE_PRAGMAS.map((p) => `${p};`).join("\n"));
      return adapter;
    } catch (error) {
      await adapter.dispose().catch(() => {});
      // The adapter wraps driver errors; the original SqliteError (with its code) is the cause.
      throw sqliteOpenError(this.config, unwrapAdapterError(error));
    }
  }
}

/** DriverAdapterError keeps the driver's error under cause.originalCode / cause.originalMessage. */
function unwrapAdapterError(error: unknown): unknown {
  const cause = (error as { cause?: { originalCode?: unknown; originalMessage?: unknown } }).cause;
  if (cause && typeof cause.originalCode === "string") {
    return Object.assign(new Error(String(cause.originalMessage ?? cause.originalCode)), { code: cause.originalCode });
  }
  return error;
}
