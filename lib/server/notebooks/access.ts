/**
 * Who may see and change a notebook. One module, used by every page, route and socket, so the rule
 * lives in one place. Callers answer 404 (not 403) when reading is refused, so private notebooks
 * stay unseen.
 *
 * "public" notebooks (the lessons) are readable by all and writable by their owner only; "link"
 * notebooks are readable and writable by anyone who has the link, whose slug is unguessable;
 * "private" ones belong to their owner alone. A notebook in the trash is nobody's to open.
 */
export const VISIBILITIES = ["private", "link", "public"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export interface AccessSubject {
  visibility: string;
  ownerId: string | null;
  /** In the trash: nobody reads or writes it (its owner may restore it from the library). */
  deletedAt: Date | null;
}

const isOwner = (notebook: AccessSubject, viewerId: string | null) =>
  viewerId !== null && notebook.ownerId === viewerId;

/** `viewerId` is null for an anonymous visitor. */
export function canRead(notebook: AccessSubject, viewerId: string | null): boolean {
  if (notebook.deletedAt !== null) return false;
  if (notebook.visibility === "public" || notebook.visibility === "link") return true;
  return isOwner(notebook, viewerId);
}

export function canWrite(notebook: AccessSubject, viewerId: string | null): boolean {
  if (notebook.deletedAt !== null) return false;
  return notebook.visibility === "link" || isOwner(notebook, viewerId);
}
