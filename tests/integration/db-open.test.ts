/**
 * Opening a database that is not what it should be: clear errors naming the file or server, the
 * file never changed, the password never shown. Needs no PostgreSQL server.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDb } from "@/lib/server/db/client";
import { parseDatabaseUrl } from "@/lib/server/db/config";
import { DatabaseConnectionError } from "@/lib/server/db/errors";
import { migrateDatabase } from "@/lib/server/db/migrate";

describe("opening SQLite", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "tandem-open-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("reports a file that is not a SQLite database, and leaves it untouched", async () => {
    const file = path.join(dir, "tandem.db");
    const bytes = randomBytes(8192);
    writeFileSync(file, bytes);
    const config = parseDatabaseUrl(`file:${file}`);

    const error = await migrateDatabase(config).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseConnectionError);
    expect((error as Error).message).toContain(`${file} is not a SQLite database`);

    const db = createDb(config);
    await expect(db.user.count()).rejects.toThrow(/not a SQLite database/);
    await db.$disconnect();

    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(readdirSync(dir)).toEqual(["tandem.db"]); // no -wal/-journal files either
  });

  it("reports a small text file as not a database, and leaves it untouched", async () => {
    const file = path.join(dir, "notes.txt");
    writeFileSync(file, "hello\n");
    await expect(migrateDatabase(parseDatabaseUrl(`file:${file}`))).rejects.toThrow(/notes\.txt is not a SQLite database/);
    expect(readFileSync(file, "utf8")).toBe("hello\n");
  });

  it("reports a folder where the file should be", async () => {
    const file = path.join(dir, "tandem.db");
    mkdirSync(file);
    await expect(migrateDatabase(parseDatabaseUrl(`file:${file}`))).rejects.toThrow(`${file} is not a file`);
  });

  it("creates missing parent folders", async () => {
    const file = path.join(dir, "a", "b", "tandem.db");
    await migrateDatabase(parseDatabaseUrl(`file:${file}`));
    expect(existsSync(file)).toBe(true);
  });
});

describe("reaching PostgreSQL", () => {
  it("names host and database when the server is unreachable, never the password", async () => {
    // Port 1 on the loopback: nothing listens there, so the connection is refused at once.
    const config = parseDatabaseUrl("postgresql://tandem:hunter2-secret@127.0.0.1:1/tandem_db");
    const error = await migrateDatabase(config).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseConnectionError);
    const message = (error as Error).message;
    expect(message).toContain("tandem@127.0.0.1:1/tandem_db");
    expect(message).toMatch(/ECONNREFUSED/);
    expect(message).not.toContain("hunter2");
    expect((error as DatabaseConnectionError).target).not.toContain("hunter2");
  });
});
