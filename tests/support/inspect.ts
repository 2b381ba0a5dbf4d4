/**
 * Raw looks into a test database, independent of Prisma: the whole schema (tables, columns,
 * indexes), the User rows and the migration history, to compare before/after states exactly.
 */
import Database from "better-sqlite3";
import { type DbConfig } from "@/lib/server/db/config";
import { connectPg } from "@/lib/server/db/postgres";

export type DbState = { schema: unknown[]; users: unknown[]; history: unknown[] };

export async function rawQuery(config: DbConfig, sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  if (config.provider === "sqlite") {
    const db = new Database(config.file, { fileMustExist: true });
    try {
      const statement = db.prepare(sql);
      return statement.reader ? (statement.all(...params) as Record<string, unknown>[]) : (statement.run(...params), []);
    } finally {
      db.close();
    }
  }
  const client = await connectPg(config);
  try {
    return (await client.query(sql, params)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

export async function tableNames(config: DbConfig): Promise<string[]> {
  const rows =
    config.provider === "sqlite"
      ? await rawQuery(config, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      : await rawQuery(config, "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name", [config.schema]);
  return rows.map((r) => String(r.name));
}

export async function dbState(config: DbConfig): Promise<DbState> {
  const schema =
    config.provider === "sqlite"
      ? await rawQuery(config, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")
      : [
          ...(await rawQuery(
            config,
            `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
             WHERE table_schema = $1 ORDER BY table_name, column_name`,
            [config.schema],
          )),
          ...(await rawQuery(config, "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 ORDER BY indexname", [config.schema])),
        ];
  const users = await rawQuery(config, `SELECT * FROM "User" ORDER BY id`);
  const history = await rawQuery(
    config,
    `SELECT id, migration_name, checksum, finished_at, rolled_back_at, started_at, applied_steps_count, logs
     FROM "_prisma_migrations" ORDER BY migration_name`,
  );
  return { schema, users, history };
}
