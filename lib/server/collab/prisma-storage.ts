/**
 * CollabStorage on the app's database: NotebookDocument holds the compacted snapshot (and the
 * JSON copy of the cells derived from it), NotebookUpdate is the append-only log since then.
 */
import type * as Y from "yjs";
import type { Db } from "../db/client";
import { documentData } from "../documents/materialize";
import type { CollabStorage, StoredState } from "./storage";

export function prismaStorage(db: Db): CollabStorage {
  return {
    async load(notebookId): Promise<StoredState | null> {
      const row = await db.notebookDocument.findUnique({ where: { notebookId }, select: { snapshot: true } });
      if (!row) return null;
      const updates = await db.notebookUpdate.findMany({
        where: { notebookId },
        orderBy: { id: "asc" },
        select: { update: true },
      });
      return { snapshot: row.snapshot, updates: updates.map((u) => u.update) };
    },

    async append(notebookId, updates) {
      if (updates.length === 0) return;
      await db.notebookUpdate.createMany({
        data: updates.map((update) => ({ notebookId, update: update as Uint8Array<ArrayBuffer> })),
      });
    },

    async compact(notebookId, doc: Y.Doc) {
      const data = documentData(doc);
      await db.$transaction(async (tx) => {
        const last = await tx.notebookUpdate.findFirst({
          where: { notebookId },
          orderBy: { id: "desc" },
          select: { id: true },
        });
        await tx.notebookDocument.update({
          where: { notebookId },
          data,
        });
        if (last) await tx.notebookUpdate.deleteMany({ where: { notebookId, id: { lte: last.id } } });
        await tx.notebook.update({ where: { id: notebookId }, data: { updatedAt: new Date() } });
      });
    },
  };
}
