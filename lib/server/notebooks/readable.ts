/**
 * The notebook lookup behind every action that needs only "may this person read it, and write
 * it?" (versions, comments): access.ts's rule on one row. Null (answer "not found") when it is
 * absent or unreadable to them, so a private notebook stays unseen.
 */
import type { Db } from "../db/client";
import { accessSelect, canRead, canWrite, type AccessViewer } from "./access";

export interface Readable {
  id: string;
  slug: string;
  title: string;
  canWrite: boolean;
}

export async function findReadable(db: Db, viewer: AccessViewer | null, where: { id: string } | { slug: string }): Promise<Readable | null> {
  const row = await db.notebook.findUnique({ where, select: { id: true, slug: true, title: true, ...accessSelect(viewer) } });
  if (!row || !canRead(row, viewer)) return null;
  return { id: row.id, slug: row.slug, title: row.title, canWrite: canWrite(row, viewer) };
}
