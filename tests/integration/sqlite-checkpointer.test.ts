/**
 * The SQLite checkpointer (lib/server/db/checkpointer.ts) on a real database file: while it runs,
 * the app's connection never checkpoints inside a commit (the log keeps every large write until
 * the thread copies it), the thread's checkpoint copies all of it, nothing is lost across a
 * reopen, and closing hands checkpoints back to SQLite.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSqliteCheckpointer } from "@/lib/server/db/checkpointer";
import { createDb, type Db } from "@/lib/server/db/client";
import { parseDatabaseUrl, type SqliteConfig } from "@/lib/server/db/config";
import { migrateDatabase } from "@/lib/server/db/migrate";

/** Pages of 4 KiB that one write of `bytes` takes, at least. */
const PAGE = 4096;
const WRITE_BYTES = 6 * 1024 * 1024;

async function autocheckpoint(db: Db): Promise<number> {
  const rows = await db.$queryRawUnsafe<{ wal_autocheckpoint: number | bigint }[]>("PRAGMA wal_autocheckpoint");
  return Number(rows[0]!.wal_autocheckpoint);
}

async function writeLarge(db: Db, n: number): Promise<void> {
  // A blob of its own per row, larger than SQLite's 1,000-page automatic checkpoint.
  await db.$executeRawUnsafe("INSERT INTO bulk (n, body) VALUES (?, randomblob(?))", n, WRITE_BYTES);
}

describe("the SQLite checkpointer", () => {
  let dir: string;
  let config: SqliteConfig;
  let db: Db;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "tandem-checkpoint-"));
    config = parseDatabaseUrl(`file:${path.join(dir, "tandem.db")}`) as SqliteConfig;
    await migrateDatabase(config);
    db = createDb(config);
    await db.$executeRawUnsafe("CREATE TABLE bulk (n INTEGER PRIMARY KEY, body BLOB NOT NULL)");
  });
  afterEach(async () => {
    await db.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps checkpoints out of the app's commits and makes them on its thread", async () => {
    // An hour: only the checkpoints this test asks for.
    const checkpointer = await startSqliteCheckpointer(db, config, { intervalMs: 3_600_000 });
    expect(await autocheckpoint(db)).toBe(0);
    await writeLarge(db, 1);
    await writeLarge(db, 2);
    const result = await checkpointer.checkpoint();
    // Both writes are still in the log: no commit checkpointed (and so reset) it on the way.
    expect(result.logFrames).toBeGreaterThanOrEqual((2 * WRITE_BYTES) / PAGE);
    expect(result.copiedFrames).toBe(result.logFrames);
    await checkpointer.close();
    expect(await autocheckpoint(db)).toBe(1000);
  });

  it("loses nothing: rows written while it runs are there after a reopen", async () => {
    const checkpointer = await startSqliteCheckpointer(db, config, { intervalMs: 10 });
    for (let n = 1; n <= 3; n++) await writeLarge(db, n);
    await checkpointer.close();
    await db.$disconnect();
    db = createDb(config);
    const rows = await db.$queryRawUnsafe<{ n: number | bigint; size: number | bigint }[]>("SELECT n, length(body) AS size FROM bulk ORDER BY n");
    expect(rows.map((r) => [Number(r.n), Number(r.size)])).toEqual([1, 2, 3].map((n) => [n, WRITE_BYTES]));
  });

  it("leaves SQLite's own checkpoints when its thread cannot open the file", async () => {
    const lines: string[] = [];
    const notADatabase = path.join(dir, "not-a-database.db");
    writeFileSync(notADatabase, "hello, this is text and no database at all".repeat(100));
    const checkpointer = await startSqliteCheckpointer(db, { ...config, file: notADatabase }, { intervalMs: 3_600_000, log: (line) => lines.push(line) });
    await expect(checkpointer.checkpoint()).rejects.toThrow(/stopped/);
    expect(await autocheckpoint(db)).toBe(1000);
    expect(lines.join("\n")).toMatch(/checkpointer thread failed.*not a SQLite database/);
    await checkpointer.close();
  });
});
