import "server-only";
import { getDb } from "../db/client";
import { readDocumentState } from "../documents/service";
import { isEmbeddable } from "../embeds/embeds";
import { accessSelect, canRead, type AccessViewer, type Role } from "./access";
import { findReadable } from "./readable";

export interface NotebookPageData {
  id: string;
  slug: string;
  title: string;
  updatedAt: Date;
  lesson: { summary: string; level: string; minutes: number } | null;
  /** Whether this visitor may edit (else the page is read-only and the socket too). */
  canWrite: boolean;
  /** The notebook it was forked from, when this visitor may read that one. */
  forkedFrom: { slug: string; title: string } | null;
  /** Its owner's name, or null for the site's and guests' notebooks. */
  ownerName: string | null;
  /** This visitor's role (access.ts). */
  role: Role;
  /** Who can open it, in words: "Anyone with the link can edit", "Private", ... */
  audience: string;
  /** Whether other sites may embed it (public or viewable by link: embeds.ts), whoever is looking. */
  embeddable: boolean;
  /** Anyone with its link may edit it: why it cannot be embedded until the link is view-only. */
  linkEdits: boolean;
}

export function audienceOf(visibility: string, linkRole: string): string {
  if (visibility === "public") return "Public: anyone can view";
  if (visibility === "link") return linkRole === "viewer" ? "Anyone with the link can view" : "Anyone with the link can edit";
  return "Private: only you and the people you invite";
}

/** A notebook for its page, or null when it does not exist or `viewerId` may not read it. */
export async function getNotebookPage(slug: string, viewer: AccessViewer | null): Promise<NotebookPageData | null> {
  const found = await findReadable(getDb(), viewer, { slug }, {
    updatedAt: true,
    lesson: { select: { summary: true, level: true, minutes: true } },
    document: { select: { notebookId: true } },
    owner: { select: { name: true } },
    // The source is shown only to those who may read it too (a relation, so checked here).
    forkedFrom: { select: { slug: true, title: true, ...accessSelect(viewer) } },
  });
  const row = found?.row;
  if (!found || !row?.document) return null;
  const source = row.forkedFrom;
  // The document's state is not part of the page: the page fetches it (loadReadableState).
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    updatedAt: row.updatedAt,
    lesson: row.lesson,
    canWrite: found.canWrite,
    forkedFrom: source && canRead(source, viewer) ? { slug: source.slug, title: source.title } : null,
    ownerName: row.owner?.name ?? null,
    role: found.role,
    audience: audienceOf(row.visibility, row.linkRole),
    embeddable: isEmbeddable(row),
    linkEdits: row.visibility === "link" && row.linkRole !== "viewer",
  };
}

/**
 * A notebook's current state (one Yjs update: the live room's when it is open, edits not flushed yet
 * included, else one atomic load) and title, or null when it does not exist or `viewer` may not
 * read it.
 */
export async function loadReadableState(slug: string, viewer: AccessViewer | null): Promise<{ title: string; state: Uint8Array } | null> {
  const found = await findReadable(getDb(), viewer, { slug }, { document: { select: { notebookId: true } } });
  if (!found || !found.row.document) return null;
  const state = await readDocumentState(found.id);
  return state ? { title: found.title, state } : null;
}
