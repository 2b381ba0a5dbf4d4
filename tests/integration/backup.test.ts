/**
 * Backups as README's "Backups" says to take them, restored elsewhere and opened: SQLite's online
 * backup (better-sqlite3's backup()) taken while a client holds the database open with an edit
 * still in its write-ahead log, and, when TEST_DATABASE_URL is set, pg_dump of the notebook's
 * schema restored by pg_restore into a new database. The restored copy loads each notebook with
 * its edits (snapshot and log alike).
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCell, snapshotNotebook, userOrigin } from "@/lib/notebook";
import { prismaStorage } from "@/lib/server/collab/prisma-storage";
import { createDb, type Db } from "@/lib/server/db/client";
import { type DbConfig, parseDatabaseUrl } from "@/lib/server/db/config";
import { migrateDatabase } from "@/lib/server/db/migrate";
import { createNotebook } from "@/lib/server/notebooks/create";
import { adminQuery, testBackends } from "../support/databases";

const me = userOrigin("backup");

/** A notebook with one edit beyond its snapshot (a log row, not compacted). */
async function notebookWithEdit(db: Db, title: string, source: string): Promise<string> {
  const made = await createNotebook(db, { title }, null);
  if (!made.ok) throw new Error(made.message);
  const storage = prismaStorage(db);
  const stored = (await storage.load(made.value.id))!;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, stored.snapshot);
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  insertCell(doc, { type: "code", source }, me);
  await storage.append(made.value.id, [Y.mergeUpdates(updates)]);
  return made.value.id;
}

/** The notebook's cell sources as the restored database holds them; null when it has no such notebook. */
async function sourcesIn(db: Db, notebookId: string): Promise<string[] | null> {
  const stored = await prismaStorage(db).load(notebookId);
  if (!stored) return null;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return snapshotNotebook(doc).cells.map((c) => c.source);
}

async function expectRestored(config: DbConfig, notebooks: Record<string, string>): Promise<void> {
  const restored = createDb(config);
  try {
    for (const [id, source] of Object.entries(notebooks)) expect(await sourcesIn(restored, id)).toContain(source);
    expect(await restored.notebook.count()).toBe(Object.keys(notebooks).length);
  } finally {
    await restored.$disconnect();
  }
}

for (const backend of testBackends()) {
  describe(`backup and restore on ${backend.name}`, () => {
    let config: DbConfig;
    let cleanup: (() => Promise<void>) | undefined;
    let db: Db;
    const dir = mkdtempSync(path.join(tmpdir(), "tandem-backup-"));

    beforeAll(async () => {
      const made = await backend.makeConfig();
      config = made.config;
      cleanup = made.cleanup;
      await migrateDatabase(config);
      db = createDb(config);
    });
    afterAll(async () => {
      await db.$disconnect();
      await cleanup?.();
      rmSync(dir, { recursive: true, force: true });
    });

    it("restores a backup taken while the app holds the database, with every notebook and edit", async () => {
      const notebooks = {
        [await notebookWithEdit(db, "First", "print('first')")]: "print('first')",
        [await notebookWithEdit(db, "Second", "x = 2")]: "x = 2",
      };
      if (config.provider === "sqlite") {
        // The app's client is still connected, its latest commits possibly still in the -wal file.
        const source = new Database(config.file);
        const copy = path.join(dir, "tandem-backup.db");
        try {
          await source.backup(copy);
        } finally {
          source.close();
        }
        await expectRestored(parseDatabaseUrl(`file:${copy}`), notebooks);
        return;
      }
      const base = new URL(config.url);
      base.searchParams.delete("schema");
      const dump = path.join(dir, "tandem.dump");
      execFileSync("pg_dump", ["--format=custom", `--schema=${config.schema}`, `--file=${dump}`, base.toString()]);
      const target = `restore_${randomBytes(6).toString("hex")}`;
      const admin = (sql: string) => adminQuery(base.toString(), sql);
      await admin(`CREATE DATABASE "${target}"`);
      try {
        const restoredUrl = new URL(base);
        restoredUrl.pathname = `/${target}`;
        execFileSync("pg_restore", ["--no-owner", `--dbname=${restoredUrl.toString()}`, dump]);
        restoredUrl.searchParams.set("schema", config.schema);
        await expectRestored(parseDatabaseUrl(restoredUrl.toString()), notebooks);
      } finally {
        await admin(`DROP DATABASE IF EXISTS "${target}" WITH (FORCE)`);
      }
    });
  });
}
