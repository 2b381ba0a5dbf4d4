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
 * Fencing (ADR 0007): a fenced load or compaction first raises `NotebookDocument.fence` to its
 * token, in its own transaction, and fails before writing when the stored fence is already higher.
 * A fenced append writes only while the stored fence is not above its token, holding the row with
 * FOR SHARE (PostgreSQL; SQLite's one writer at a time does the same), so an old owner's append
 * either commits before the new owner's fenced load (whose UPDATE waits for it, then reads it) or
 * is refused after it.
 *
 * Appends are a group commit (coalesce.ts): every append of one event-loop turn (every room
 * flushes on the same clock) goes into one statement; on PostgreSQL an INSERT ... SELECT over
 * unnest(), which checks each row's fence against its document. A server with 200 live rooms
 * made 800 two-query transactions a second before, and most of its CPU went to the database
 * driver (bench:cluster, sockets).
 */
import * as Y from "yjs";
import { LOAD } from "../../notebook/origins";
import { providerOf, type Db } from "../db/client";
import { runWork } from "../work/run";
import { sharedStateCache } from "../documents/state-cache";
import { coalesce } from "./coalesce";
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

interface Append {
  readonly notebookId: string;
  readonly updates: readonly Uint8Array[];
  readonly fence: number | undefined;
}

/**
 * The rows of many appends in one statement (PostgreSQL). A row is written only when its notebook's
 * document exists and, for a fenced append, holds a fence no higher than its token; the document
 * rows are held FOR SHARE, so a newer owner's fence update waits for this statement or, committed
 * first, refuses it (the fence is checked again on the updated row).
 */
const APPEND_ALL = `
WITH input AS (
  SELECT * FROM unnest($1::text[], $2::bytea[], $3::int[]) WITH ORDINALITY AS t(notebook_id, body, fence, ord)
), allowed AS (
  SELECT i.notebook_id, i.body, i.ord FROM input i
  JOIN "NotebookDocument" d ON d."notebookId" = i.notebook_id
  WHERE i.fence IS NULL OR d.fence <= i.fence
  FOR SHARE OF d
)
INSERT INTO "NotebookUpdate" ("notebookId", "update")
SELECT notebook_id, body FROM allowed ORDER BY ord
RETURNING id, "notebookId"`;

/** Splits appends into rounds that name each notebook at most once (rows returned answer one append). */
function rounds<T extends { append: Append }>(entries: readonly T[]): T[][] {
  const result: T[][] = [];
  for (const entry of entries) {
    const round = result.find((r) => !r.some((e) => e.append.notebookId === entry.append.notebookId));
    if (round) round.push(entry);
    else result.push([entry]);
  }
  return result;
}

/**
 * Many appends in as few statements as the databases allow: on PostgreSQL one INSERT ... SELECT
 * per round, fences checked row by row; on SQLite one INSERT of every unfenced append's rows (a
 * fenced one, which multi-instance mode never makes on SQLite, goes alone through `one`). Each
 * append gets its last row id, or why it wrote nothing (FencedError, no such notebook). A statement
 * that fails as a whole (a notebook deleted meanwhile breaks SQLite's foreign key) is retried one
 * append at a time, so one bad append never holds the others back.
 */
async function appendAll(db: Db, postgres: boolean, appends: readonly Append[], one: (append: Append) => Promise<number>): Promise<Array<number | Error>> {
  const results: Array<number | Error> = [];
  const alone = (entries: ReadonlyArray<{ append: Append; index: number }>) =>
    Promise.all(entries.map(async ({ append, index }) => void (results[index] = await one(append).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))))));
  const entries = appends.map((append, index) => ({ append, index }));
  const together = postgres ? entries : entries.filter(({ append }) => append.fence === undefined);
  await alone(entries.filter((entry) => !together.includes(entry)));
  for (const round of rounds(together)) {
    const rows = round.flatMap(({ append }) => append.updates.map((update) => ({ notebookId: append.notebookId, update, fence: append.fence ?? null })));
    let written: Array<{ id: number; notebookId: string }>;
    try {
      written = postgres
        ? await db.$queryRawUnsafe(APPEND_ALL, rows.map((r) => r.notebookId), rows.map((r) => r.update), rows.map((r) => r.fence))
        : await db.notebookUpdate.createManyAndReturn({ data: rows.map((r) => ({ notebookId: r.notebookId, update: r.update as Uint8Array<ArrayBuffer> })), select: { id: true, notebookId: true } });
    } catch {
      await alone(round);
      continue;
    }
    const lastIds = new Map<string, number>();
    for (const row of written) lastIds.set(row.notebookId, Math.max(lastIds.get(row.notebookId) ?? 0, Number(row.id)));
    const refused = round.filter(({ append }) => !lastIds.has(append.notebookId)).map(({ append }) => append.notebookId);
    const fences = refused.length === 0 ? [] : await db.notebookDocument.findMany({ where: { notebookId: { in: refused } }, select: { notebookId: true, fence: true } });
    for (const { append, index } of round) {
      const lastId = lastIds.get(append.notebookId);
      const stored = fences.find((f) => f.notebookId === append.notebookId);
      results[index] =
        lastId !== undefined
          ? lastId
          : stored && append.fence !== undefined && stored.fence > append.fence
            ? new FencedError(append.notebookId, append.fence, stored.fence)
            : new Error(`Notebook ${append.notebookId} does not exist`);
    }
  }
  return results;
}

export function prismaStorage(db: Db): CollabStorage {
  /** One append in its own statement (or transaction, when fenced). */
  const appendOne = async ({ notebookId, updates, fence }: Append): Promise<number> => {
    const data = updates.map((update) => ({ notebookId, update: update as Uint8Array<ArrayBuffer> }));
    const rows =
      fence === undefined
        ? await db.notebookUpdate.createManyAndReturn({ data, select: { id: true } })
        : await db.$transaction(async (tx) => {
            if (!(await claimFence(tx, notebookId, fence))) throw new Error(`Notebook ${notebookId} does not exist`);
            return tx.notebookUpdate.createManyAndReturn({ data, select: { id: true } });
          });
    return Math.max(...rows.map((r) => r.id));
  };
  // A client createDb did not make (a test's extended one) appends one at a time.
  const provider = providerOf(db);
  const groupCommit = provider ? coalesce((appends: readonly Append[]) => appendAll(db, provider === "postgresql", appends, appendOne)) : appendOne;
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
      return groupCommit({ notebookId, updates, fence });
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
