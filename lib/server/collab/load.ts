/**
 * Loading a notebook's document for a collaboration connection, with the read check. For now every
 * visitor is anonymous, so only public and link-shared notebooks are readable.
 */
import type * as Y from "yjs";
import { getDb } from "../db/client";
import { documentFromStored } from "../documents/materialize";
import { canRead } from "../notebooks/access";

export async function loadReadableDocument(notebookId: string): Promise<Y.Doc | null> {
  if (!notebookId) return null;
  const row = await getDb().notebook.findUnique({
    where: { id: notebookId },
    select: {
      visibility: true,
      ownerId: true,
      document: { select: { snapshot: true } },
      updates: { select: { update: true }, orderBy: { id: "asc" } },
    },
  });
  if (!row || !row.document || !canRead(row, null)) return null;
  return documentFromStored(row.document.snapshot, row.updates.map((u) => u.update));
}
