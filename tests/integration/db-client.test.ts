/**
 * The Prisma client on each database: Bytes come back as Uint8Array and Json round-trips, the
 * schema's cascades work, and SQLite connections carry Tandem's PRAGMAs. On SQLite, and on
 * PostgreSQL when TEST_DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, disconnectDb, getDb, getDbConfig, type Db } from "@/lib/server/db/client";
import { type DbConfig } from "@/lib/server/db/config";
import { migrateDatabase } from "@/lib/server/db/migrate";
import { SQLITE_BUSY_TIMEOUT_MS } from "@/lib/server/db/sqlite";
import { testBackends } from "../support/databases";

const cells = [
  { id: "c1", cell_type: "code", source: "print('héllo')\n", outputs: [], metadata: { tags: ["a"], n: 1.5, ok: true, none: null } },
];

for (const backend of testBackends()) {
  describe(`Prisma client on ${backend.name}`, () => {
    let config: DbConfig;
    let cleanup: () => Promise<void>;
    let db: Db;

    beforeAll(async () => {
      ({ config, cleanup } = await backend.makeConfig());
      await migrateDatabase(config);
      db = createDb(config);
    });
    afterAll(async () => {
      await db?.$disconnect();
      await cleanup?.();
    });

    it("returns Bytes as Uint8Array and keeps the cells' JSON text exactly", async () => {
      const snapshot = Uint8Array.from([0, 1, 2, 253, 254, 255]);
      await db.notebook.create({
        data: {
          slug: "bytes-json",
          title: "Bytes and Json",
          owner: { create: { name: "Ada", email: "ada@example.com" } },
          document: { create: { snapshot, schemaVersion: 1, cells: JSON.stringify(cells), cellCount: 1 } },
          updates: { create: [{ update: Uint8Array.from([7, 8]) }, { update: Uint8Array.from([9]) }] },
        },
      });

      const read = await db.notebook.findUniqueOrThrow({
        where: { slug: "bytes-json" },
        include: { document: true, updates: { orderBy: { id: "asc" } } },
      });
      expect(read.document!.snapshot).toBeInstanceOf(Uint8Array);
      expect([...read.document!.snapshot]).toEqual([...snapshot]);
      expect(read.document!.cells).toBe(JSON.stringify(cells));
      expect(read.updates.map((u) => [...u.update])).toEqual([[7, 8], [9]]);
      expect(read.updates[1]!.id).toBeGreaterThan(read.updates[0]!.id);
      expect(read.createdAt).toBeInstanceOf(Date);
    });

    it("enforces the schema's foreign keys and cascades", async () => {
      const owner = await db.user.create({ data: { name: "Owner", email: "owner@example.com" } });
      const notebook = await db.notebook.create({ data: { slug: "cascade", title: "C", ownerId: owner.id } });
      await db.notebookUpdate.create({ data: { notebookId: notebook.id, update: Uint8Array.from([1]) } });

      await expect(db.notebook.create({ data: { slug: "orphan", title: "O", ownerId: "no-such-user" } })).rejects.toThrow();
      await db.user.delete({ where: { id: owner.id } });
      expect(await db.notebook.findUnique({ where: { id: notebook.id } })).toBeNull();
      expect(await db.notebookUpdate.count({ where: { notebookId: notebook.id } })).toBe(0);
    });

    if (backend.name === "sqlite") {
      it("opens SQLite in WAL mode with foreign keys and a busy timeout", async () => {
        const pragma = async (name: string) =>
          Object.values((await db.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`))[0]!)[0];
        expect(await pragma("journal_mode")).toBe("wal");
        expect(Number(await pragma("foreign_keys"))).toBe(1);
        expect(Number(await pragma("busy_timeout"))).toBe(SQLITE_BUSY_TIMEOUT_MS);
      });

      it("lets the event loop turn before each query (better-sqlite3 answers synchronously)", async () => {
        // A socket's data is read in the loop's poll phase; setImmediate runs just after it. Ten
        // queries in a row must let such a callback run between them, not only after the last.
        const turns: number[] = [];
        let done = 0;
        const tick = () => {
          turns.push(done);
          if (done < 10) setImmediate(tick);
        };
        setImmediate(tick);
        for (; done < 10; done++) await db.user.count();
        expect(new Set(turns.filter((n) => n < 10)).size).toBeGreaterThanOrEqual(9);
      });
    } else {
      it("works in the configured schema, also for raw SQL", async () => {
        if (config.provider !== "postgresql") throw new Error("expected postgresql");
        const [row] = await db.$queryRawUnsafe<Array<{ schema: string }>>("SELECT current_schema() AS schema");
        expect(row!.schema).toBe(config.schema);
        expect(await db.$queryRawUnsafe(`SELECT count(*)::int AS n FROM "Notebook"`)).toEqual([{ n: await db.notebook.count() }]);
      });
    }

    it("getDb keeps one client per process, in the server context that server.ts and Next's bundle share", async () => {
      await disconnectDb();
      const first = getDb(config);
      expect(getDb()).toBe(first);
      expect(getDb(config)).toBe(first);
      expect((globalThis as Record<symbol, { db: { db: Db } | null } | undefined>)[Symbol.for("tandem.server")]?.db?.db).toBe(first);
      expect(getDbConfig()).toEqual(config);
      const other = { ...config, url: `${config.url}-other` } as DbConfig;
      expect(() => getDb(other)).toThrow(/already uses/);
      expect(await first.notebook.count()).toBeGreaterThanOrEqual(0);
      await disconnectDb();
      expect(getDbConfig()).toBeNull();
    });
  });
}
