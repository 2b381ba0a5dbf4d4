/**
 * The document service (lib/server/documents/service.ts) on a real database, SQLite (and
 * PostgreSQL when TEST_DATABASE_URL is set): page, export and fork read the live room, edits not
 * flushed yet included; a reader of a room that is closing waits for it and gets everything; and
 * with no room, a compaction forced between the reader's two queries never makes it read an empty
 * notebook.
 */
import * as Y from "yjs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { insertCell, snapshotNotebook, userOrigin } from "@/lib/notebook";
import { prismaStorage } from "@/lib/server/collab/prisma-storage";
import { RoomManager } from "@/lib/server/collab/rooms";
import type { CollabStorage } from "@/lib/server/collab/storage";
import { registerCollab, serverContext } from "@/lib/server/context";
import { createDb, disconnectDb, getDb, type Db } from "@/lib/server/db/client";
import type { DbConfig } from "@/lib/server/db/config";
import { migrateDatabase } from "@/lib/server/db/migrate";
import { changeDocument, readDocument, readDocumentState } from "@/lib/server/documents/service";
import { createNotebook } from "@/lib/server/notebooks/create";
import { loadReadableState } from "@/lib/server/notebooks/queries";
import { testBackends } from "../support/databases";
import { TestClient } from "../support/sync-client";

const me = userOrigin("service");
const sources = (doc: Y.Doc) => snapshotNotebook(doc).cells.map((c) => c.source);

/** Runs the rooms as server.ts does, on `storage`; returns them. */
function runRooms(storage: CollabStorage): RoomManager {
  const rooms = new RoomManager(storage, () => undefined);
  registerCollab({
    reauthorize: async () => undefined,
    commentsChanged: async () => undefined,
    titleChanged: async () => undefined,
    progressChanged: async () => undefined,
    sessionEnded: async () => undefined,
    change: (id, change) => rooms.change(id, change),
    liveState: (id) => rooms.liveState(id),
  });
  return rooms;
}

for (const backend of testBackends()) {
  describe(`document service on ${backend.name}`, () => {
    let config: DbConfig;
    let cleanup: (() => Promise<void>) | undefined;
    let rooms: RoomManager | null = null;

    beforeAll(async () => {
      const made = await backend.makeConfig();
      config = made.config;
      cleanup = made.cleanup;
      await migrateDatabase(config);
      getDb(config);
    });
    afterEach(async () => {
      await rooms?.closeAll();
      rooms = null;
      serverContext().collab = null;
    });
    afterAll(async () => {
      await disconnectDb();
      await cleanup?.();
    });

    it("reads the open room for the page's state, the export and a fork, unflushed edits included", async () => {
      const made = await createNotebook(getDb(), { title: "Live" }, null);
      if (!made.ok) throw new Error(made.message);
      rooms = runRooms(prismaStorage(getDb()));
      const client = new TestClient();
      client.connect((await rooms.open(made.value.id))!);
      insertCell(client.doc, { type: "code", source: "not flushed yet" }, me);

      // What the page fetches (GET /n/<slug>/state) and the export writes from.
      const pageDoc = new Y.Doc();
      Y.applyUpdate(pageDoc, (await loadReadableState(made.value.slug, null))!.state);
      expect(sources(pageDoc)).toContain("not flushed yet");
      const fork = await createNotebook(getDb(), { from: made.value.slug }, null);
      if (!fork.ok) throw new Error(fork.message);
      expect(sources((await readDocument(fork.value.id))!)).toContain("not flushed yet");
      // A copy says so in its title; a copy of the copy does not say it twice.
      expect((await getDb().notebook.findUniqueOrThrow({ where: { id: fork.value.id } })).title).toBe("Live (copy)");
      const again = await createNotebook(getDb(), { from: fork.value.slug }, null);
      if (!again.ok) throw new Error(again.message);
      expect((await getDb().notebook.findUniqueOrThrow({ where: { id: again.value.id } })).title).toBe("Live (copy)");
    });

    it("keeps a stored state for the next reader until the notebook changes, here or in another process", async () => {
      const made = await createNotebook(getDb(), { title: "Cached" }, null);
      if (!made.ok) throw new Error(made.message);
      const id = made.value.id;
      const first = (await readDocumentState(id))!;
      expect(await readDocumentState(id)).toBe(first);

      // Another process appends to the log: its stamp changed, so the cache is not used.
      const doc = (await readDocument(id))!;
      const updates: Uint8Array[] = [];
      doc.on("update", (u: Uint8Array) => updates.push(u));
      insertCell(doc, { type: "code", source: "from elsewhere" }, me);
      const other = createDb(config);
      try {
        await other.notebookUpdate.create({ data: { notebookId: id, update: Y.mergeUpdates(updates) as Uint8Array<ArrayBuffer> } });
      } finally {
        await other.$disconnect();
      }
      const second = (await readDocumentState(id))!;
      expect(second).not.toBe(first);
      const read = new Y.Doc();
      Y.applyUpdate(read, second);
      expect(sources(read)).toContain("from elsewhere");

      // This process writes (no room: the log): the entry is dropped at once.
      await changeDocument(id, (d) => insertCell(d, { type: "markdown", source: "from here" }, me));
      const third = new Y.Doc();
      Y.applyUpdate(third, (await readDocumentState(id))!);
      expect(sources(third)).toEqual([...sources(read), "from here"]);
    });

    it("waits for a closing room and reads everything it held", async () => {
      const made = await createNotebook(getDb(), { title: "Closing" }, null);
      if (!made.ok) throw new Error(made.message);
      // The room's final append waits for `release`: the reader arrives while it is closing.
      const real = prismaStorage(getDb());
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let closing!: () => void;
      const closingStarted = new Promise<void>((resolve) => (closing = resolve));
      rooms = runRooms({
        ...real,
        append: async (id, updates) => {
          closing();
          await gate;
          return real.append(id, updates);
        },
      });
      const room = (await rooms.open(made.value.id))!;
      const client = new TestClient();
      client.connect(room);
      insertCell(client.doc, { type: "code", source: "held by the closing room" }, me);
      client.disconnect(); // the room unloads: final append (held at the gate), then compaction
      await closingStarted;
      expect(room.isClosing).toBe(true);
      const read = readDocument(made.value.id);
      release();
      expect(sources((await read)!)).toContain("held by the closing room");
    });

    it("never reads an empty notebook when a compaction commits between the reader's queries", async () => {
      const made = await createNotebook(getDb(), { title: "Racing" }, null);
      if (!made.ok) throw new Error(made.message);
      const storage = prismaStorage(getDb());
      const roomDoc = (await readDocument(made.value.id))!;
      const updates: Uint8Array[] = [];
      roomDoc.on("update", (u: Uint8Array) => updates.push(u));
      insertCell(roomDoc, { type: "code", source: "only in the log" }, me);
      const last = await storage.append(made.value.id, updates);

      // The process's client, with a compaction forced in after the reader's first query.
      const plain = getDb();
      let paused = false;
      const pause = async <T>(result: T): Promise<T> => {
        if (!paused) {
          paused = true;
          await storage.compact(made.value.id, roomDoc, last);
        }
        return result;
      };
      const pausing = createDb(config).$extends({
        query: {
          // The load's first query (the stamp read before it is left alone).
          notebookUpdate: { findMany: async ({ args, query }) => pause(await query(args)) },
        },
      }) as unknown as Db;
      serverContext().db = { db: pausing, config };
      try {
        expect(sources((await readDocument(made.value.id))!)).toEqual(["", "only in the log"]);
      } finally {
        serverContext().db = { db: plain, config };
        await pausing.$disconnect();
      }
      expect(paused).toBe(true);
      expect((await storage.load(made.value.id))!.updates).toEqual([]);
    });
  });
}
