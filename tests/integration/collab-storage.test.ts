/**
 * The CollabStorage contract, run against every implementation: the in-memory one used by the
 * room tests, and the database one on SQLite (and PostgreSQL when TEST_DATABASE_URL is set).
 */
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCell, snapshotNotebook, userOrigin, type CellId } from "@/lib/notebook";
import { cellSourceText, getCellMap } from "@/lib/notebook/schema";
import { createDb, type Db } from "@/lib/server/db/client";
import { migrateDatabase } from "@/lib/server/db/migrate";
import { materializeDocument } from "@/lib/server/documents/materialize";
import { prismaStorage } from "@/lib/server/collab/prisma-storage";
import type { CollabStorage } from "@/lib/server/collab/storage";
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
  /** Creates a notebook holding `doc` and returns its id. */
  create(doc: Y.Doc): Promise<string>;
  cellsJson?(id: string): Promise<unknown>;
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
      return {
        storage: prismaStorage(db),
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
                  cells: stored.cells as unknown as object,
                  cellCount: stored.cellCount,
                },
              },
            },
          });
          return row.id;
        },
        cellsJson: async (id) => (await db.notebookDocument.findUniqueOrThrow({ where: { notebookId: id } })).cells,
        close: async () => {
          await db.$disconnect();
          await cleanup();
        },
      };
    },
  ]),
];

for (const [name, make] of subjects) {
  describe(`CollabStorage contract: ${name}`, () => {
    let subject: Subject;
    beforeAll(async () => {
      subject = await make();
    });
    afterAll(async () => subject?.close());

    it("loads nothing for an unknown notebook", async () => {
      expect(await subject.storage.load("no-such-notebook")).toBeNull();
    });

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
      await subject.storage.append(id, updates);
      await subject.storage.compact(id, doc);
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
  });
}
