/**
 * A server stopping while its database is down: the room's unsaved edit goes to the spool, and the
 * next boot (prepareData, before the server listens) appends it to the notebook and removes the
 * file. Real rooms on a real database, SQLite (and PostgreSQL when TEST_DATABASE_URL is set);
 * the outage is the database storage refusing every write.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCell, snapshotNotebook, userOrigin } from "@/lib/notebook";
import { prepareData } from "@/lib/server/boot";
import { prismaStorage } from "@/lib/server/collab/prisma-storage";
import { RoomManager } from "@/lib/server/collab/rooms";
import { writeSpool } from "@/lib/server/collab/spool";
import type { CollabStorage } from "@/lib/server/collab/storage";
import { disconnectDb, getDb } from "@/lib/server/db/client";
import { migrateDatabase } from "@/lib/server/db/migrate";
import { materializeDocument } from "@/lib/server/documents/materialize";
import { resetSettings } from "@/lib/server/env";
import { projectRoot, testBackends } from "../support/databases";
import { TestClient } from "../support/sync-client";

const me = userOrigin("spool");

for (const backend of testBackends()) {
  describe(`spool across a restart on ${backend.name}`, () => {
    let cleanup: (() => Promise<void>) | undefined;
    let spoolDir: string;
    const savedUrl = process.env.DATABASE_URL;

    beforeAll(async () => {
      const made = await backend.makeConfig();
      cleanup = made.cleanup;
      await migrateDatabase(made.config);
      getDb(made.config);
      process.env.DATABASE_URL = made.config.url;
      resetSettings();
      spoolDir = mkdtempSync(path.join(tmpdir(), "tandem-spool-"));
    });
    afterAll(async () => {
      await disconnectDb();
      await cleanup?.();
      rmSync(spoolDir, { recursive: true, force: true });
      if (savedUrl === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = savedUrl;
      resetSettings();
    });

    it("spools an edit the database refused at shutdown and stores it at the next boot", async () => {
      const db = getDb();
      const start = new Y.Doc();
      insertCell(start, { type: "code", source: "before" }, me);
      const { snapshot, schemaVersion, cells, cellCount } = materializeDocument(start);
      const { id } = await db.notebook.create({
        data: { slug: `spool-${Date.now()}`, title: "Spool", visibility: "link", document: { create: { snapshot, schemaVersion, cells, cellCount } } },
      });

      let down = false;
      const real = prismaStorage(db);
      const refuse = () => Promise.reject(new Error("connection refused"));
      const storage: CollabStorage = {
        load: (notebookId) => real.load(notebookId),
        append: (notebookId, updates) => (down ? refuse() : real.append(notebookId, updates)),
        compact: (notebookId, doc, upToId) => (down ? refuse() : real.compact(notebookId, doc, upToId)),
      };
      const rooms = new RoomManager(storage, () => undefined, (notebookId, update) => writeSpool(spoolDir, notebookId, update));
      const room = (await rooms.open(id))!;
      const client = new TestClient();
      client.connect(room);
      down = true;
      insertCell(client.doc, { type: "code", source: "typed during the outage" }, me);
      client.disconnect();
      await rooms.closeAll();
      expect(readdirSync(spoolDir)).toHaveLength(1);
      const stored = async () => {
        const state = (await real.load(id))!;
        const doc = new Y.Doc();
        Y.applyUpdate(doc, state.snapshot);
        for (const update of state.updates) Y.applyUpdate(doc, update);
        return snapshotNotebook(doc).cells.map((c) => c.source);
      };
      expect(await stored()).toEqual(["before"]);

      // The database is back; the server starts again.
      const lines: string[] = [];
      await prepareData({ root: projectRoot, log: (line) => lines.push(line), spoolDir });
      expect(await stored()).toEqual(["before", "typed during the outage"]);
      expect(readdirSync(spoolDir)).toEqual([]);
      expect(lines.some((line) => line.startsWith("Spool: stored the unsaved edits of 1 notebook(s)"))).toBe(true);
    });
  });
}
