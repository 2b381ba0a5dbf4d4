// The Prisma client for the configured database. Not guarded by "server-only" because scripts and
// tests import it under plain Node; the app-facing repository modules carry that guard.
import { serverContext } from "../context";
import { createAdapterFactory } from "./adapters";
import { cleanText } from "./clean-text";
import { type DbConfig, dbConfigFromEnv, describeDb } from "./config";
import { PrismaClient as PostgresPrismaClient, type Prisma as PostgresPrisma } from "./generated/postgresql/client";
import { PrismaClient as SqlitePrismaClient, type Prisma as SqlitePrisma } from "./generated/sqlite/client";

/**
 * The one client type the app codes against: the SQLite client's. The PostgreSQL client is
 * generated from the same models (schema-files.ts derives its schema), so its model delegates take
 * the same arguments (plus PostgreSQL-only extras such as `mode: "insensitive"`, which SQLite
 * code cannot use anyway) and return the same rows; createDb casts it to Db. The types below make
 * the compiler check that claim for every model and operation, so the cast stays honest when the
 * schema changes. (Assigning one delegate type to the other directly is beyond TypeScript: the
 * generic aggregate/groupBy signatures of two separate declarations never unify.)
 */
export type Db = SqlitePrismaClient;

type SqliteOps = SqlitePrisma.TypeMap["model"];
type PostgresOps = PostgresPrisma.TypeMap["model"];
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type OperationMismatch<S, P> = S extends { args: infer SA; result: infer SR }
  ? P extends { args: infer PA; result: infer PR }
    ? [SA] extends [PA]
      ? Same<SR, PR> extends true
        ? never
        : "returns a different type on PostgreSQL"
      : "takes arguments on SQLite that PostgreSQL does not accept"
    : never
  : never;
type ModelMismatches = {
  [M in keyof SqliteOps & keyof PostgresOps]: {
    [O in keyof SqliteOps[M]["operations"] | keyof PostgresOps[M]["operations"]]: O extends keyof SqliteOps[M]["operations"] &
      keyof PostgresOps[M]["operations"]
      ? OperationMismatch<SqliteOps[M]["operations"][O], PostgresOps[M]["operations"][O]>
      : `${O & string} exists for one database only`;
  }[keyof SqliteOps[M]["operations"] | keyof PostgresOps[M]["operations"]];
};
// A compile error on either line names the model (and the problem) that breaks the cast.
const _sameModels: Same<keyof SqliteOps, keyof PostgresOps> = true;
const _noMismatch: { [M in keyof ModelMismatches as [ModelMismatches[M]] extends [never] ? never : M]: ModelMismatches[M] } = {};
void _sameModels;
void _noMismatch;

/**
 * The query extension every client carries: each model operation's arguments (data and where
 * clauses alike) have their text cleaned (clean-text.ts), so both databases store, and find, the
 * same strings. better-auth's adapter is handed this same client, so names are covered too.
 */
const cleanTextExtension = {
  name: "clean-text",
  query: {
    $allModels: {
      $allOperations({ args, query }: { args: unknown; query: (args: unknown) => Promise<unknown> }) {
        return query(cleanText(args));
      },
    },
  },
};

/**
 * SQLite's extension: before each operation, one turn of the event loop. better-sqlite3 answers
 * synchronously, so a query's promise settles as a microtask, and a page's dozen queries (or eight
 * pages' at once) would run back to back without ever letting the loop read a socket: in
 * bench:isolation, eight concurrent page views held the loop for up to 400 ms and another room's
 * keystroke p99 rose to 150 ms. One setImmediate per query (microseconds when idle) lets the
 * relay of a keystroke in between (p99 67 ms in the same run). PostgreSQL's driver waits on its
 * socket anyway.
 */
const yieldExtension = {
  name: "yield-to-io",
  query: {
    $allModels: {
      async $allOperations({ args, query }: { args: unknown; query: (args: unknown) => Promise<unknown> }) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        return query(args);
      },
    },
  },
};

// The extended client is cast back to Db: the extensions change values and timing, not types, and
// an extended client differs from a plain one only in lacking `$on` (log events), which Tandem does
// not use. A compile error here means a Prisma upgrade changed that.
const extendSqlite = (client: SqlitePrismaClient) => client.$extends(cleanTextExtension).$extends(yieldExtension);
const _onlyOnMissing: Same<Exclude<keyof Db, keyof ReturnType<typeof extendSqlite>>, "$on"> = true;
void _onlyOnMissing;

/** The database each client made by createDb speaks to (for the few raw statements, which differ). */
const providers = new WeakMap<Db, DbConfig["provider"]>();

/** A new client for `config`, with the clean-text extension. Connects lazily, on its first query. */
export function createDb(config: DbConfig): Db {
  const adapter = createAdapterFactory(config);
  // Sound by the ModelMismatches check above.
  const db = (config.provider === "sqlite" ? extendSqlite(new SqlitePrismaClient({ adapter })) : new PostgresPrismaClient({ adapter }).$extends(cleanTextExtension)) as unknown as Db;
  providers.set(db, config.provider);
  return db;
}

/** Which database `db` speaks to; null for a client createDb did not make (e.g. extended again). */
export function providerOf(db: Db): DbConfig["provider"] | null {
  return providers.get(db) ?? null;
}

// In the server context rather than a module variable: the custom server and Next.js's bundled
// server code each load their own copy of this module in the same process, and must share one
// client (one SQLite connection, one PostgreSQL pool).

/**
 * The process-wide client, created on first use for `config` (default: DATABASE_URL). Asking for
 * a different database once it exists is a bug, and throws.
 */
export function getDb(config?: DbConfig): Db {
  const context = serverContext();
  const holder = context.db;
  if (holder) {
    if (config && config.url !== holder.config.url) {
      throw new Error(`getDb: the process already uses ${describeDb(holder.config)}, not ${describeDb(config)}.`);
    }
    return holder.db;
  }
  const chosen = config ?? dbConfigFromEnv();
  context.db = { db: createDb(chosen), config: chosen };
  return context.db.db;
}

/** The config of the process-wide client, or null when getDb has not been called. */
export function getDbConfig(): DbConfig | null {
  return serverContext().db?.config ?? null;
}

/** Closes the process-wide client (shutdown, tests). The next getDb() makes a new one. */
export async function disconnectDb(): Promise<void> {
  const context = serverContext();
  const holder = context.db;
  if (!holder) return;
  context.db = null;
  await holder.db.$disconnect();
}
