/**
 * CollabStorage on the app's database: NotebookDocument holds the compacted snapshot (and the
 * JSON copy of the cells derived from it), NotebookUpdate is the append-only log since then.
 *
 * Why `load` reads the log before the snapshot: a compaction that commits between the two reads
 * then only moves updates from the log (already read) into the snapshot (read after), so the
 * result holds everything even where the transaction's isolation is READ COMMITTED (PostgreSQL's
 * default); read the other way round, that ordering returned an empty notebook. SQLite (WAL) gives
 * the transaction one snapshot anyway.
 *
 * Why `compact` deletes by the ids it read rather than by `id <= upToId`: on PostgreSQL a row with
 * a smaller id can commit after a larger one, so a range delete could remove a row the fold never
 * saw. Deleting exactly the rows folded into the snapshot cannot lose one.
 *
 * Fencing (ADR 0007): a call with a token first raises `NotebookDocument.fence` to it, in its own
 * transaction, and fails before writing when the stored fence is already higher. That update locks
 * the row, so an old owner's append either commits before the new owner's fenced load (which reads
 * it) or is refused after it.
 */
import * as Y from "yjs";
import { LOAD } from "../../notebook/origins";
import type { Db } from "../db/client";
import { runWork } from "../work/run";
import { sharedStateCache } from "../documents/state-cache";
import { FencedError, type CollabStorage, type Fence, type StoredState } from "./storage";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * Raises the notebook's fence to `fence` or throws FencedError (a newer owner has been here).
 * False when there is no such notebook.
 */
async function claimFence(tx: Tx, notebookId: string, fence: number): Promise<boolean> {
  const { count } = await tx.notebookDocument.updateMany({ where: { notebookId, fence: { lte: fence } }, data: { fence } });
  if (count > 0) return true;
  const held = await tx.notebookDocument.findUnique({ where: { notebookId }, select: { fence: true } });
  if (!held) return false;
  throw new FencedError(notebookId, fence, held.fence);
}

/**
 * Every read of a notebook is a load, so many can queue for the connection pool at once (a class
 * of 200 opening their copies): Prisma's default 2 s wait for a connection made some fail. Its
 * default 5 s for the transaction itself failed one too, on a loaded two-core machine with 200
 * loads at once: its two reads waited behind everyone else's work on the event loop, not on a lock.
 */
const LOAD_TRANSACTION = { maxWait: 15_000, timeout: 15_000 };

export function prismaStorage(db: Db): CollabStorage {
  return {
    async load(notebookId, { fence }: Fence = {}): Promise<StoredState | null> {
      return db.$transaction(async (tx) => {
        if (fence !== undefined && !(await claimFence(tx, notebookId, fence))) return null;
        const rows = await tx.notebookUpdate.findMany({
          where: { notebookId },
          orderBy: { id: "asc" },
          select: { id: true, update: true },
        });
        const doc = await tx.notebookDocument.findUnique({ where: { notebookId }, select: { snapshot: true } });
        if (!doc) return null;
        return { snapshot: doc.snapshot, updates: rows.map((r) => r.update), lastId: rows.at(-1)?.id ?? 0 };
      }, LOAD_TRANSACTION);
    },

    async append(notebookId, updates, { fence }: Fence = {}) {
      if (updates.length === 0) return 0;
      sharedStateCache().forget(notebookId);
      const data = updates.map((update) => ({ notebookId, update: update as Uint8Array<ArrayBuffer> }));
      const rows =
        fence === undefined
          ? await db.notebookUpdate.createManyAndReturn({ data, select: { id: true } })
          : await db.$transaction(async (tx) => {
              if (!(await claimFence(tx, notebookId, fence))) throw new Error(`Notebook ${notebookId} does not exist`);
              return tx.notebookUpdate.createManyAndReturn({ data, select: { id: true } });
            });
      return Math.max(...rows.map((r) => r.id));
    },

    async compact(notebookId, doc: Y.Doc, upToId, { fence }: Fence = {}) {
      await db.$transaction(async (tx) => {
        if (fence !== undefined && !(await claimFence(tx, notebookId, fence))) throw new Error(`Notebook ${notebookId} does not exist`);
        const rows = await tx.notebookUpdate.findMany({
          where: { notebookId, id: { lte: upToId } },
          orderBy: { id: "asc" },
          select: { id: true, update: true },
        });
        // Rows the caller already holds change nothing; another writer's are kept this way.
        if (rows.length > 0) Y.transact(doc, () => rows.forEach((r) => Y.applyUpdate(doc, r.update)), LOAD);
        // The stored copies of a large document take a while to derive: a work thread's job.
        const stored = await runWork("materialize", Y.encodeStateAsUpdate(doc));
        await tx.notebookDocument.update({ where: { notebookId }, data: stored });
        if (rows.length > 0) await tx.notebookUpdate.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
        await tx.notebook.update({ where: { id: notebookId }, data: { updatedAt: new Date() } });
      });
      sharedStateCache().forget(notebookId);
    },
  };
}
