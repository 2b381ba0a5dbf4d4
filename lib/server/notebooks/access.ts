/**
 * Who may see a notebook. One function, used by every page, route and socket, so the rule lives
 * in one place. Callers answer 404 (not 403) when it says no, so private notebooks stay unseen.
 */
export const VISIBILITIES = ["private", "link", "public"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export interface AccessSubject {
  visibility: string;
  ownerId: string | null;
}

/** `viewerId` is null for an anonymous visitor. */
export function canRead(notebook: AccessSubject, viewerId: string | null): boolean {
  if (notebook.visibility === "public" || notebook.visibility === "link") return true;
  return viewerId !== null && notebook.ownerId === viewerId;
}
