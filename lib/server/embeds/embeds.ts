/**
 * What an embed shows: cells of a notebook that is public or viewable by link, as they are now
 * (outputs and their provenance included). Everything else (private, in the trash, missing, or a
 * cell that is not in it) is the same null, so an embed never tells whether a private notebook
 * exists. Embeds are anonymous: the check is made for nobody (a guest), never with cookies.
 */
import { snapshotNotebook, type CellSnapshot } from "../../notebook";
import type { EmbedSelection } from "../../embed/urls";
import { readDocument } from "../documents/service";
import type { Db } from "../db/client";
import { roleOf } from "../notebooks/access";
import { findReadable } from "../notebooks/readable";

export interface EmbedData {
  slug: string;
  title: string;
  /** The cells shown, in notebook order, with their 1-based position in the notebook. */
  cells: { position: number; cell: CellSnapshot }[];
}

/**
 * Whether anyone may embed it: meant to be seen beyond its people, and only seen. An embed shows
 * its notebook's address to every reader of the site (the frame's source), so a notebook whose
 * link lets anyone edit is never embedded: its readers could follow the address and change what
 * every other reader sees. The Embed dialog offers to make the link view-only first.
 */
export function isEmbeddable(row: { visibility: string; deletedAt: Date | null } & Parameters<typeof roleOf>[0]): boolean {
  return (row.visibility === "public" || row.visibility === "link") && roleOf(row, null) === "viewer";
}

export async function loadEmbed(db: Db, slug: string, selection: EmbedSelection): Promise<EmbedData | null> {
  // For nobody: a guest's read, then the visibility that lets it go beyond its people.
  const row = await findReadable(db, null, { slug });
  if (!row || !isEmbeddable(row.row)) return null;
  const doc = await readDocument(row.id);
  if (!doc) return null;
  const all = snapshotNotebook(doc).cells.map((cell, i) => ({ position: i + 1, cell }));
  const at = (id: string) => all.findIndex((c) => c.cell.id === id);
  let cells = all;
  if (selection.kind === "cell") {
    cells = all.filter((c) => c.cell.id === selection.id);
  } else if (selection.kind === "range") {
    const [a, b] = [at(selection.from), at(selection.to)];
    if (a < 0 || b < 0) return null;
    cells = all.slice(Math.min(a, b), Math.max(a, b) + 1);
  }
  if (cells.length === 0) return null;
  return { slug: row.slug, title: row.title, cells };
}
