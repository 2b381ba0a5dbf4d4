/**
 * A signed-in person's library: their notebooks (searchable by title and content), what they
 * opened recently, and their trash. Trashing and restoring are the owner's alone (renaming is any
 * editor's); to
 * anyone else the notebook answers as if it did not exist (the callers' 404).
 *
 * The trash keeps a notebook for TRASH_DAYS: restorable by its owner, readable by nobody (access.ts),
 * and removed for good by purgeTrash, which the server runs at start and daily.
 */
import { accessChanged, titleChanged } from "../collab/notebook-events";
import type { Db } from "../db/client";
import { searchTextOf, storedCells } from "../documents/materialize";
import { z } from "zod";
import { done, fail, type Result } from "../../util/result";
import { accessSelect, canRead, type AccessViewer } from "./access";
import { findReadable } from "./readable";

export const TRASH_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
const RECENT = 12;

export interface LibraryEntry {
  id: string;
  slug: string;
  title: string;
  updatedAt: Date;
  cellCount: number;
  /** My copy of an assignment: its class's name (the library says so, and offers no delete). */
  assignmentClass: string | null;
}

export interface TrashEntry extends LibraryEntry {
  deletedAt: Date;
  /** When it goes for good. */
  purgeAt: Date;
}

export interface Library {
  mine: LibraryEntry[];
  /** Notebooks others invited me to (by my email), with my role. */
  shared: (LibraryEntry & { role: "editor" | "viewer"; ownerName: string | null })[];
  recent: (LibraryEntry & { visitedAt: Date; owned: boolean })[];
  trash: TrashEntry[];
}

const entrySelect = {
  id: true,
  slug: true,
  title: true,
  updatedAt: true,
  document: { select: { cellCount: true } },
  assignmentCopy: { select: { assignment: { select: { classroom: { select: { name: true } } } } } },
} as const;

type EntryRow = {
  id: string;
  slug: string;
  title: string;
  updatedAt: Date;
  document: { cellCount: number } | null;
  /** (Its class's name is not selected where accessSelect's assignmentCopy takes its place: recent.) */
  assignmentCopy?: { assignment: { classroom: { name?: string; members?: readonly unknown[] } } } | null;
};
const entry = (row: EntryRow): LibraryEntry => ({
  id: row.id,
  slug: row.slug,
  title: row.title,
  updatedAt: row.updatedAt,
  cellCount: row.document?.cellCount ?? 0,
  assignmentClass: row.assignmentCopy?.assignment.classroom.name ?? null,
});

/** The library of `viewerId`; `query` narrows "mine" to titles and contents that contain it. */
export async function loadLibrary(db: Db, viewer: AccessViewer, query = "", now = new Date()): Promise<Library> {
  const viewerId = viewer.id;
  const q = query.trim().toLowerCase();
  const [owned, byContent, visits, trashed, invitations] = await Promise.all([
    db.notebook.findMany({ where: { ownerId: viewerId, deletedAt: null }, select: entrySelect, orderBy: { updatedAt: "desc" } }),
    q
      ? db.notebook.findMany({
          where: { ownerId: viewerId, deletedAt: null, document: { searchText: { contains: q } } },
          select: { id: true },
        })
      : Promise.resolve([]),
    db.notebookVisit.findMany({
      where: { userId: viewerId },
      orderBy: { visitedAt: "desc" },
      take: RECENT * 2,
      select: { visitedAt: true, notebook: { select: { ...entrySelect, ...accessSelect(viewer) } } },
    }),
    db.notebook.findMany({
      where: { ownerId: viewerId, deletedAt: { not: null, gt: new Date(now.getTime() - TRASH_DAYS * DAY_MS) } },
      select: { ...entrySelect, deletedAt: true },
      orderBy: { deletedAt: "desc" },
    }),
    db.notebookShare.findMany({
      where: { email: viewer.email.toLowerCase(), notebook: { deletedAt: null } },
      orderBy: { createdAt: "desc" },
      select: { role: true, notebook: { select: { ...entrySelect, owner: { select: { name: true } } } } },
    }),
  ]);
  const contentHits = new Set(byContent.map((n) => n.id));
  const mine = owned.filter((n) => !q || n.title.toLowerCase().includes(q) || contentHits.has(n.id)).map(entry);
  const recent = visits
    .filter((v) => canRead(v.notebook, viewer))
    .slice(0, RECENT)
    .map((v) => ({ ...entry(v.notebook), visitedAt: v.visitedAt, owned: v.notebook.ownerId === viewerId }));
  const trash = trashed.map((n) => ({
    ...entry(n),
    deletedAt: n.deletedAt!,
    purgeAt: new Date(n.deletedAt!.getTime() + TRASH_DAYS * DAY_MS),
  }));
  const shared = invitations.map((s) => ({
    ...entry(s.notebook),
    role: s.role === "editor" ? ("editor" as const) : ("viewer" as const),
    ownerName: s.notebook.owner?.name ?? null,
  }));
  return { mine, shared, recent, trash };
}

/** Remembers that `viewerId` opened the notebook now. */
export async function recordVisit(db: Db, viewerId: string, notebookId: string, now = new Date()): Promise<void> {
  await db.notebookVisit.upsert({
    where: { userId_notebookId: { userId: viewerId, notebookId } },
    create: { userId: viewerId, notebookId, visitedAt: now },
    update: { visitedAt: now },
  });
}

/** What an owner's action answers: nothing to tell, or not_found / bad_request. */
export type OwnerAction = Result<undefined, "not_found" | "bad_request">;
export const NOT_FOUND = fail("not_found", "There is no such notebook.");

/** The body of PATCH /api/notebooks/<id>. */
export const renameInput = z.object({ title: z.string() }).describe("{ title: string }");

/**
 * The owner-only check of every library and sharing action: `id` is the viewer's own notebook, in
 * the trash or out of it as asked. Null (answer NOT_FOUND) for anyone else's, so it stays unseen.
 */
export async function ownedNotebook(db: Db, viewerId: string, id: string, where: "live" | "trash" = "live"): Promise<{ ownerEmail: string } | null> {
  const row = await db.notebook.findUnique({ where: { id }, select: { ownerId: true, deletedAt: true, owner: { select: { email: true } } } });
  if (row === null || row.ownerId !== viewerId || row.owner === null) return null;
  return (row.deletedAt !== null) === (where === "trash") ? { ownerEmail: row.owner.email } : null;
}

/**
 * Renames for anyone who may edit the notebook (its owner, an invited editor, a guest on a notebook
 * whose link edits): the title is the notebook's, like its cells. To anyone else it is not there.
 */
export async function renameNotebook(db: Db, viewer: AccessViewer | null, id: string, title: string): Promise<OwnerAction> {
  const clean = title.replace(/\s+/g, " ").trim();
  if (!clean || clean.length > 200) return fail("bad_request", "A title needs 1 to 200 characters.");
  const notebook = await findReadable(db, viewer, { id });
  if (!notebook || !notebook.canWrite) return NOT_FOUND;
  await db.notebook.update({ where: { id }, data: { title: clean } });
  await titleChanged(id, clean); // everyone in the room sees it at once
  return done;
}

export async function trashNotebook(db: Db, viewerId: string, id: string, now = new Date()): Promise<OwnerAction> {
  if (!(await ownedNotebook(db, viewerId, id))) return NOT_FOUND;
  if ((await db.assignmentCopy.count({ where: { notebookId: id } })) > 0) {
    return fail("bad_request", "This is your copy of an assignment: it stays while your class has it.");
  }
  await db.notebook.update({ where: { id }, data: { deletedAt: now } });
  await accessChanged(id); // its open connections close: nobody may be in a trashed notebook
  return done;
}

export async function restoreNotebook(db: Db, viewerId: string, id: string): Promise<OwnerAction> {
  if (!(await ownedNotebook(db, viewerId, id, "trash"))) return NOT_FOUND;
  await db.notebook.update({ where: { id }, data: { deletedAt: null } });
  return done;
}

/** Removes for good what has been in the trash longer than TRASH_DAYS; returns how many. */
export async function purgeTrash(db: Db, now = new Date()): Promise<number> {
  const { count } = await db.notebook.deleteMany({ where: { deletedAt: { lt: new Date(now.getTime() - TRASH_DAYS * DAY_MS) } } });
  return count;
}

/**
 * Fills in the search text of documents stored before it existed (from their JSON cells); the
 * next compaction would do it too, but a notebook nobody opens is never compacted.
 */
export async function backfillSearchText(db: Db): Promise<number> {
  const rows = await db.notebookDocument.findMany({ where: { searchText: "", cellCount: { gt: 0 } }, select: { notebookId: true, cells: true } });
  for (const row of rows) {
    const cells = storedCells(row.cells) as { source?: unknown }[];
    const sources = cells.map((c) => ({ source: typeof c.source === "string" || Array.isArray(c.source) ? (c.source as string | string[]) : "" }));
    await db.notebookDocument.update({ where: { notebookId: row.notebookId }, data: { searchText: searchTextOf(sources) } });
  }
  return rows.length;
}
