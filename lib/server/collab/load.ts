/**
 * Who may do what over a collaboration connection. Until accounts exist every visitor is anonymous:
 * public and link-shared notebooks are readable, and link-shared ones are also writable (the
 * unguessable link is the capability, as with "anyone with the link can edit"). Lessons are public
 * and read-only, so the catalogue copy stays as shipped.
 */
import type { IncomingMessage } from "node:http";
import { getDb } from "../db/client";
import { canRead, canWrite } from "../notebooks/access";

export async function authorizeAnonymous(notebookId: string, _req: IncomingMessage): Promise<{ write: boolean } | null> {
  const row = await getDb().notebook.findUnique({
    where: { id: notebookId },
    select: { visibility: true, ownerId: true, document: { select: { notebookId: true } } },
  });
  if (!row || !row.document || !canRead(row, null)) return null;
  return { write: canWrite(row, null) };
}
