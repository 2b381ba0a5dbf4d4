/**
 * The CollabStorage contract, run against every implementation: the in-memory one used by the
 * room tests, and the database one on SQLite (and PostgreSQL when TEST_DATABASE_URL is set):
 * atomic load, append returning ids, and a compaction that removes only what it folded into the
 * snapshot, even with a second writer appending meanwhile and a reader loading meanwhile.
 */
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCell, snapshotNotebook, userOrigin, type CellId } from "@/lib/notebook";
import { cellSourceText, getCellMap } from "@/lib/notebook/schema";
import { createDb, type Db } from "@/lib/server/db/client";
import { migrateDatabase } from "@/lib/server/db/migrate";
import { materializeDocument } from "@/lib/server/documents/materialize";
import { prismaStorage } from "@/lib/server/collab/prisma-storage";
import { FencedError, type CollabStorage } from "@/lib/server/collab/storage";
import { MemoryStorage } from "../support/memory-storage";
import { testBackends } from "../support/databases";

const me = userOrigin("contract");

function replay(state: { snapshot: Uint8Array; updates: Uint8Array[] }): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state.snapshot);
  for (const u of state.updates) Y.applyUpdate(doc, u);
  return doc;
}

interface Subject {
  storage: CollabStorage;
  /**
   * A second storage on its own connection whose `load` runs `between` after its first query and
   * before the rest (a forced interleaving); only where load has steps to interleave.
   */
  pausingReader?(between: () => Promise<void>): CollabStorage;
  /** Creates a notebook holding `doc` and returns its id. */
  create(doc: Y.Doc): Promise<string>;
  cellsJson?(id: string): Promise<unknown>;
  /**
   * Raises the notebook's fence to `fence` in a transaction of another connection and holds it open
   * until the returned commit() is called: a new owner's fenced load, caught mid-way.
   */
  holdFence?(id: string, fence: number): Promise<{ commit(): Promise<void> }>;
  close(): Promise<void>;
}

const subjects: Array<[string, () => Promise<Subject>]> = [
  [
    "memory",
    async () => {
      const storage = new MemoryStorage();
      let n = 0;
      return {
        storage,
        create: async (doc) => {
          const id = `nb${++n}`;
          storage.seed(id, doc);
          return id;
        },
        close: async () => undefined,
      };
    },
  ],
  ...testBackends().map((backend): [string, () => Promise<Subject>] => [
    `database (${backend.name})`,
    async () => {
      const { config, cleanup } = await backend.makeConfig();
      await migrateDatabase(config);
      const db: Db = createDb(config);
      let n = 0;
      const readers: Db[] = [];
      return {
        storage: prismaStorage(db),
        pausingReader: (between) => {
          let paused = false;
          const pause = async <T>(result: T): Promise<T> => {
            if (!paused) {
              paused = true;
              await between();
            }
            return result;
          };
          const reader = createDb(config).$extends({
            query: {
              notebookDocument: { findUnique: async ({ args, query }) => pause(await query(args)) },
              notebookUpdate: { findMany: async ({ args, query }) => pause(await query(args)) },
            },
          }) as unknown as Db;
          readers.push(reader);
          return prismaStorage(reader);
        },
        create: async (doc) => {
          const stored = materializeDocument(doc);
          const row = await db.notebook.create({
            data: {
              slug: `contract-${++n}-${Date.now()}`,
              title: "Contract",
              visibility: "link",
              document: {
                create: {
                  snapshot: stored.snapshot,
                  schemaVersion: stored.schemaVersion,
                  cells: stored.cells,
                  cellCount: stored.cellCount,
                },
              },
            },
          });
          return row.id;
        },
        // Used on PostgreSQL only: on SQLite one process would wait on its own lock.
        holdFence: async (id, fence) => {
          const other = createDb(config);
          readers.push(other);
          let commit!: () => void;
          const held = new Promise<void>((resolve) => (commit = resolve));
          let raised!: () => void;
          const started = new Promise<void>((resolve) => (raised = resolve));
          const done = other.$transaction(
            async (tx) => {
              await tx.notebookDocument.update({ where: { notebookId: id }, data: { fence } });
              raised();
              await held;
            },
            { timeout: 30_000 },
          );
          await started;
          return {
            commit: async () => {
              commit();
              await done;
            },
          };
        },
        cellsJson: async (id) => JSON.parse((await db.notebookDocument.findUniqueOrThrow({ where: { notebookId: id } })).cells) as unknown,
        close: async () => {
          for (const reader of readers) await reader.$disconnect();
          await db.$disconnect();
          await cleanup();
        },
      };
    },
  ]),
];

const sources = (doc: Y.Doc) => snapshotNotebook(doc).cells.map((c) => c.source);

/** Only the database subjects have a load with steps to interleave. */
const hasReader = (name: string) => name.startsWith("database");

/**
 * A stored empty notebook, the room's document for it, and two writers: `edit` adds a cell through
 * the room's document (returning its update), `other` through a document the room never sees.
 */
async function notebookWithWriter(subject: Subject) {
  const room = new Y.Doc();
  const id = await subject.create(room);
  const stranger = new Y.Doc();
  Y.applyUpdate(stranger, Y.encodeStateAsUpdate(room));
  const writer = (doc: Y.Doc) => (source: string) => {
    const updates: Uint8Array[] = [];
    const listen = (u: Uint8Array) => updates.push(u);
    doc.on("update", listen);
    insertCell(doc, { type: "code", source }, me);
    doc.off("update", listen);
    return Y.mergeUpdates(updates);
  };
  return { id, room, edit: writer(room), other: writer(stranger) };
}

for (const [name, make] of subjects) {
  describe(`CollabStorage contract: ${name}`, () => {
    let subject: Subject;
    beforeAll(async () => {
      subject = await make();
    });
    afterAll(async () => subject?.close());

    it("loads nothing for an unknown notebook", async () => {
      expect(await subject.storage.load("no-such-notebook")).toBeNull();
      expect(await subject.storage.load("no-such-notebook", { fence: 1 })).toBeNull();
    });

    it("refuses an old owner's writes once a newer owner has loaded the notebook (fencing tokens, ADR 0007)", async () => {
      // The old owner writes through `edit`; the new owner and the server through `other`.
      const { id, edit, other } = await notebookWithWriter(subject);
      const { storage } = subject;
      expect(await storage.load(id, { fence: 1 })).not.toBeNull();
      await storage.append(id, [edit("old owner, in time")], { fence: 1 });
      // A new owner takes the room: its load raises the fence.
      const taken = await storage.load(id, { fence: 2 });
      expect(taken!.updates).toHaveLength(1);
      const refused = await storage.append(id, [edit("old owner, too late")], { fence: 1 }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(FencedError);
      expect((refused as FencedError).stored).toBe(2);
      await expect(storage.compact(id, replay(taken!), taken!.lastId, { fence: 1 })).rejects.toBeInstanceOf(FencedError);
      // The new owner and unfenced writers (another instance's server-side change) carry on.
      await storage.append(id, [other("new owner")], { fence: 2 });
      await storage.append(id, [other("server-side change")]);
      const stored = sources(replay((await storage.load(id))!));
      expect(stored).toEqual(expect.arrayContaining(["old owner, in time", "new owner", "server-side change"]));
      expect(stored).not.toContain("old owner, too late");
    });

    it("takes many notebooks' appends at once (one group commit on PostgreSQL); a refused one fails alone", async () => {
      const { storage } = subject;
      const [a, b, c] = await Promise.all([notebookWithWriter(subject), notebookWithWriter(subject), notebookWithWriter(subject)]);
      for (const n of [a, b, c]) expect(await storage.load(n.id, { fence: 1 })).not.toBeNull();
      // c moved to a newer owner: its old owner's append must be refused, in the same batch as the others.
      await storage.load(c.id, { fence: 2 });
      const results = await Promise.allSettled([
        storage.append(a.id, [a.edit("a one"), a.edit("a two")], { fence: 1 }),
        storage.append(b.id, [b.edit("b one")], { fence: 1 }),
        storage.append(c.id, [c.edit("c, too late")], { fence: 1 }),
        storage.append("no-such-notebook", [a.other("lost")]),
        // The same notebook twice in one turn: an unfenced writer's row beside the refused owner's.
        storage.append(c.id, [c.other("c, server-side")]),
      ]);
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "rejected", "fulfilled"]);
      expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(FencedError);
      expect((results[3] as PromiseRejectedResult).reason).not.toBeInstanceOf(FencedError);
      const loadedA = (await storage.load(a.id))!;
      expect(loadedA.lastId).toBe((results[0] as PromiseFulfilledResult<number>).value);
      expect(sources(replay(loadedA))).toEqual(expect.arrayContaining(["a one", "a two"]));
      expect(sources(replay((await storage.load(b.id))!))).toContain("b one");
      const storedC = sources(replay((await storage.load(c.id))!));
      expect(storedC).toContain("c, server-side");
      expect(storedC).not.toContain("c, too late");
    });

    // Where owners can race this way (multi-instance mode runs on PostgreSQL).
    if (name.endsWith("(postgresql)")) {
      it("makes an old owner's append wait for a new owner's fence in flight, then refuses it", async () => {
        const { id, edit } = await notebookWithWriter(subject);
        expect(await subject.storage.load(id, { fence: 1 })).not.toBeNull();
        const newOwner = await subject.holdFence!(id, 2);
        let settled = false;
        const append = subject.storage.append(id, [edit("old owner, racing")], { fence: 1 }).finally(() => (settled = true));
        append.catch(() => undefined);
        // The fence update holds the document row: the append waits for it...
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(settled).toBe(false);
        // ...and, once it commits, finds the newer fence and writes nothing.
        await newOwner.commit();
        await expect(append).rejects.toBeInstanceOf(FencedError);
        expect((await subject.storage.load(id))!.updates).toHaveLength(0);
      });
    }

    it("appends updates in order and loads them back after the snapshot", async () => {
      const doc = new Y.Doc();
      const cell = insertCell(doc, { type: "code", source: "a" }, me);
      const id = await subject.create(doc);
      const updates: Uint8Array[] = [];
      doc.on("update", (u: Uint8Array) => updates.push(u));
      const text = cellSourceText(getCellMap(doc, cell)!);
      text.insert(1, "b");
      text.insert(2, "c");
      insertCell(doc, { type: "markdown", source: "# m" }, me);
      await subject.storage.append(id, updates.slice(0, 2));
      await subject.storage.append(id, updates.slice(2));
      const loaded = (await subject.storage.load(id))!;
      expect(loaded.updates).toHaveLength(3);
      expect(loaded.updates.every((u) => u instanceof Uint8Array)).toBe(true);
      expect(snapshotNotebook(replay(loaded))).toEqual(snapshotNotebook(doc));
    });

    it("compacts the log into the snapshot and refreshes the cells copy", async () => {
      const doc = new Y.Doc();
      const cell = insertCell(doc, { type: "code", source: "x" }, me);
      const id = await subject.create(doc);
      const updates: Uint8Array[] = [];
      doc.on("update", (u: Uint8Array) => updates.push(u));
      cellSourceText(getCellMap(doc, cell as CellId)!).insert(1, " = 1");
      const lastId = await subject.storage.append(id, updates);
      await subject.storage.compact(id, doc, lastId);
      const loaded = (await subject.storage.load(id))!;
      expect(loaded.updates).toEqual([]);
      expect(snapshotNotebook(replay(loaded))).toEqual(snapshotNotebook(doc));
      if (subject.cellsJson) {
        expect(await subject.cellsJson(id)).toMatchObject([{ id: cell, source: ["x = 1"] }]);
      }
      // Appends after a compaction land after the new snapshot.
      updates.length = 0;
      insertCell(doc, { type: "raw", source: "after" }, me);
      await subject.storage.append(id, updates);
      expect(snapshotNotebook(replay((await subject.storage.load(id))!))).toEqual(snapshotNotebook(doc));
    });

    it("appends with growing ids, and load says which was the last", async () => {
      const { id, edit } = await notebookWithWriter(subject);
      const first = await subject.storage.append(id, [edit("a")]);
      const second = await subject.storage.append(id, [edit("b"), edit("c")]);
      expect(first).toBeGreaterThan(0);
      expect(second).toBeGreaterThan(first);
      expect(await subject.storage.append(id, [])).toBe(0);
      expect((await subject.storage.load(id))!.lastId).toBe(second);
    });

    it("keeps a second writer's row appended after the compacting room's last one", async () => {
      const { id, room, other, edit } = await notebookWithWriter(subject);
      const loaded = (await subject.storage.load(id))!;
      const own = await subject.storage.append(id, [edit("room's cell")]);
      // Another writer (a script, a route with no room open) appends after the room's row.
      await subject.storage.append(id, [other("script's cell")]);
      await subject.storage.compact(id, room, Math.max(loaded.lastId, own));
      const after = (await subject.storage.load(id))!;
      expect(after.updates).toHaveLength(1);
      expect(sources(replay(after)).sort()).toEqual(["room's cell", "script's cell"]);
    });

    it("folds a second writer's row between the room's own into the snapshot, never dropping it", async () => {
      const { id, room, other, edit } = await notebookWithWriter(subject);
      await subject.storage.append(id, [edit("one")]);
      await subject.storage.append(id, [other("between")]);
      const last = await subject.storage.append(id, [edit("two")]);
      await subject.storage.compact(id, room, last);
      const after = (await subject.storage.load(id))!;
      expect(after.updates).toEqual([]);
      expect(sources(replay(after)).sort()).toEqual(["between", "one", "two"]);
    });

    if (hasReader(name)) {
      it("never loads an empty notebook when a compaction commits between a reader's steps", async () => {
        const { id, room, edit } = await notebookWithWriter(subject);
        const last = await subject.storage.append(id, [edit("x = 1"), edit("y = 2")]);
        const reader = subject.pausingReader!(() => subject.storage.compact(id, room, last));
        const loaded = (await reader.load(id))!;
        expect(sources(replay(loaded))).toEqual(["x = 1", "y = 2"]);
        // The compaction did commit in between.
        expect((await subject.storage.load(id))!.updates).toEqual([]);
      });
    }
  });
}
