// Prisma's schema engine (migration diffing) as WebAssembly, loaded in plain Node: no native
// binary to download. Dev-time only (db:migration, drift tests): it imports
// @prisma/schema-engine-wasm, a dev dependency, so app code must not import this module.
//
// The package's entry imports the .wasm file the bundler way (`import * as wasm from "./x.wasm"`),
// which Node cannot do; so this module instantiates schema_engine_bg.wasm itself and hands its
// exports to the JS glue, as the entry would.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { type DbConfig, type DbProvider } from "../config";
import { createAdapterFactory } from "../adapters";
import { pgConnectionConfig } from "../postgres";
import { OfflinePostgresAdapterFactory } from "./offline-postgres";
import type { SchemaFile } from "./schema-files";

export type SchemaEngine = glue.SchemaEngine;

const FILTERS = { externalTables: [], externalEnums: [] };

// wasm-bindgen glue keeps the instance in a module variable: instantiate once per process.
let loading: Promise<typeof glue> | undefined;

function loadGlue(): Promise<typeof glue> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmFile = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg").replace(/\.js$/, ".wasm");
    // The glue module's exports are exactly the imports the wasm module asks for ("./schema_engine_bg.js").
    const imports = { "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports };
    const { instance } = await WebAssembly.instantiate(readFileSync(wasmFile), imports);
    // __wbg_set_wasm exists in the glue but not in its .d.ts.
    (glue as unknown as { __wbg_set_wasm(exports: WebAssembly.Exports): void }).__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
    return glue;
  })();
  return loading;
}

/**
 * Runs `fn` with an engine for `schema`, connected through `adapter`, and releases both after.
 * Engine errors come back with Rust backtraces; they are trimmed to the message.
 */
export async function withSchemaEngine<T>(
  schema: SchemaFile,
  adapter: SqlMigrationAwareDriverAdapterFactory,
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const { SchemaEngine } = await loadGlue();
  const tracked = trackConnections(adapter);
  let engine: SchemaEngine | undefined;
  try {
    engine = await SchemaEngine.new(
      { datamodels: [[schema.path, schema.content]] },
      // The engine's tracing (JSON lines) only helps when debugging the engine itself.
      (line: string) => {
        if (process.env.TANDEM_DEBUG_SCHEMA_ENGINE) console.error(`[schema-engine] ${line}`);
      },
      bindMigrationAwareSqlAdapterFactory(tracked.factory),
    );
    return await fn(engine);
  } catch (error) {
    throw cleanEngineError(error);
  } finally {
    engine?.free();
    await tracked.disposeAll();
  }
}

/** An adapter factory for diffing schemas only: SQLite in memory, PostgreSQL without a server. */
export function offlineAdapter(provider: DbProvider): SqlMigrationAwareDriverAdapterFactory {
  return provider === "sqlite" ? new PrismaBetterSqlite3({ url: ":memory:" }) : new OfflinePostgresAdapterFactory();
}

/** The SQL that turns `from` (null: an empty database) into `to`; null when there is nothing to do. */
export async function diffSchemas(provider: DbProvider, from: SchemaFile | null, to: SchemaFile): Promise<string | null> {
  return withSchemaEngine(to, offlineAdapter(provider), async (engine) => {
    const result = await engine.diff({
      from: from ? { tag: "schemaDatamodel", files: [from] } : { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [to] },
      script: true,
      exitCode: true,
      filters: FILTERS,
    });
    // exitCode 2 = "the diff is not empty" (0 comes with a "-- This is an empty migration." script).
    return result.exitCode === 2 ? (result.stdout ?? "") : null;
  });
}

/**
 * The SQL that would turn the live database into `schema` (null: none) — the drift check. The
 * _prisma_migrations table is ignored by the engine.
 */
export async function diffDatabaseToSchema(config: DbConfig, schema: SchemaFile): Promise<string | null> {
  return withSchemaEngine(schema, introspectionAdapter(config), async (engine) => {
    const result = await engine.diff({
      from: { tag: "schemaDatasource", files: [schema], configDir: process.cwd() },
      to: { tag: "schemaDatamodel", files: [schema] },
      script: true,
      exitCode: true,
      filters: FILTERS,
    });
    return result.exitCode === 2 ? (result.stdout ?? "") : null;
  });
}

/**
 * The adapter for reading a live database's schema. PostgreSQL needs a fix: the engine's catalog
 * queries return columns of PostgreSQL's internal one-byte type "char" (pg_class.relkind and the
 * like), which PrismaPg rejects ("Column type 'char' could not be deserialized"). pg already
 * parses such values as strings, so relabelling those columns as text is all it takes.
 */
function introspectionAdapter(config: DbConfig): SqlMigrationAwareDriverAdapterFactory {
  if (config.provider === "sqlite") return createAdapterFactory(config);
  const pool = new pg.Pool(pgConnectionConfig(config));
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<pg.QueryResult>;
  const CHAR_OID = 18;
  const TEXT_OID = 25;
  // Replaces the overloaded method with the promise form, the only one PrismaPg calls.
  (pool as unknown as { query: (...args: unknown[]) => Promise<pg.QueryResult> }).query = async (...args) => {
    const result = await query(...args);
    for (const field of result.fields ?? []) if (field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
    return result;
  };
  return new PrismaPg(pool, { schema: config.schema, disposeExternalPool: true });
}

/** Wraps a factory so that every connection the engine opens can be closed afterwards. */
function trackConnections(inner: SqlMigrationAwareDriverAdapterFactory) {
  const open: Array<{ dispose(): Promise<void> }> = [];
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => {
      const adapter = await inner.connect();
      open.push(adapter);
      return adapter;
    },
    connectToShadowDb: async () => {
      const adapter = await inner.connectToShadowDb();
      open.push(adapter);
      return adapter;
    },
  };
  return { factory, disposeAll: () => Promise.all(open.map((a) => a.dispose().catch(() => {}))).then(() => {}) };
}

function cleanEngineError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  // "message\n   0: rust::frame\n   with ...\n   at file.rs:12" -> "message"
  const message = error.message.split(/\n\s+0: /)[0]!.trim();
  if (message === error.message) return error;
  const cleaned = new Error(message, { cause: error });
  cleaned.name = error.name;
  return cleaned;
}
