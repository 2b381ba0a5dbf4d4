/**
 * The one "find the notebook, then check access" of every page, route, export, embed and
 * collaboration connection: access.ts's rule on one row. Null (answer "not found") when it is
 * absent or unreadable to them, so a private notebook stays unseen. A caller that needs more of
 * the row (its document, its owner's name) names it in `extra`, and gets it back as `row`, with
 * the access fields beside it.
 */
import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/sqlite/client";
import { accessSelect, canRead, canWrite, roleOf, type AccessViewer, type Role } from "./access";

export interface Readable<Row = unknown> {
  id: string;
  slug: string;
  title: string;
  /** The viewer's role (never null: they may read it). */
  role: Role;
  canWrite: boolean;
  /** The fields asked for in `extra`, and the access fields (visibility, linkRole, ...). */
  row: Row;
}

type Base = { id: true; slug: true; title: true } & ReturnType<typeof accessSelect>;
/** What `extra` may ask for: any notebook field or relation except those the access check selects. */
export type ReadableSelect = Omit<Prisma.NotebookSelect, keyof Base>;
type BaseRow = Prisma.NotebookGetPayload<{ select: Base }>;
type RowOf<S extends ReadableSelect> = BaseRow & Prisma.NotebookGetPayload<{ select: S }>;

export async function findReadable<S extends ReadableSelect = Record<never, never>>(
  db: Db,
  viewer: AccessViewer | null,
  where: { id: string } | { slug: string },
  extra?: S,
): Promise<Readable<RowOf<S>> | null> {
  const select = { ...extra, id: true, slug: true, title: true, ...accessSelect(viewer) };
  // The payload type of a generic select is beyond Prisma's inference; RowOf says what it is.
  const row = (await db.notebook.findUnique({ where, select })) as BaseRow | null;
  // One instant for every answer: a copy's lock at its due date depends on it (access.ts).
  const now = new Date();
  if (!row || !canRead(row, viewer, now)) return null;
  return { id: row.id, slug: row.slug, title: row.title, role: roleOf(row, viewer, now)!, canWrite: canWrite(row, viewer, now), row: row as RowOf<S> };
}
