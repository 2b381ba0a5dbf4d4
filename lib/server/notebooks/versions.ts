/**
 * Versions of a notebook: saved by name by anyone who may edit it, and kept automatically when
 * its room goes idle (the last person leaves) if it changed since the latest version. Anyone who
 * may read the notebook sees its history and any version; restoring one is an editor's, and is a
 * new change to the live document that everyone in the room sees (documents/service.ts), never a
 * rewrite of history. What one may not read is "not found" throughout.
 */
import * as Y from "yjs";
import { replaceWithIpynb, SYSTEM, type IpynbCell } from "../../notebook";
import { changeDocument, readDocumentState } from "../documents/service";
import { runWork } from "../work/run";
import { storedCells } from "../documents/materialize";
import type { Db } from "../db/client";
import type { AccessViewer } from "./access";
import { findReadable } from "./readable";
import { z } from "zod";
import { done, fail, type Result } from "../../util/result";

export interface VersionSummary {
  id: string;
  name: string | null;
  kind: "manual" | "auto";
  authorName: string | null;
  createdAt: Date;
  cellCount: number;
}

/** What saving or restoring a version answers: nothing to tell, or not_found / bad_request. */
export type VersionAction = Result<undefined, "not_found" | "bad_request">;
const NOT_FOUND = fail("not_found", "There is no such notebook or version.");

/** The body of POST /api/notebooks/<id>/versions. */
export const saveVersionInput = z.object({ name: z.string() }).describe("{ name: string }");

const summary = (v: { id: string; name: string | null; kind: string; authorName: string | null; createdAt: Date; cells: string }): VersionSummary => ({
  id: v.id,
  name: v.name,
  kind: v.kind === "manual" ? "manual" : "auto",
  authorName: v.authorName,
  createdAt: v.createdAt,
  cellCount: storedCells(v.cells).length,
});

export async function saveVersion(db: Db, viewer: AccessViewer & { name: string }, notebookId: string, name: string): Promise<VersionAction> {
  const notebook = await findReadable(db, viewer, { id: notebookId });
  if (!notebook || !notebook.canWrite) return NOT_FOUND;
  const clean = name.replace(/\s+/g, " ").trim();
  if (!clean || clean.length > 120) return fail("bad_request", "A version's name needs 1 to 120 characters.");
  const state = await readDocumentState(notebookId);
  if (!state) return NOT_FOUND;
  const version = await runWork("versionOf", { state, latestCells: null });
  if (!version) return NOT_FOUND;
  await db.notebookVersion.create({
    data: { notebookId, name: clean, kind: "manual", authorName: viewer.name, snapshot: version.snapshot, cells: version.cells },
  });
  return done;
}

/** Keeps an automatic version of `doc`, unless it is the same as the latest version. */
export async function keepAutoVersion(db: Db, notebookId: string, doc: Y.Doc): Promise<boolean> {
  const latest = await db.notebookVersion.findFirst({ where: { notebookId }, orderBy: { createdAt: "desc" }, select: { cells: true } });
  const version = await runWork("versionOf", { state: Y.encodeStateAsUpdate(doc), latestCells: latest?.cells ?? null });
  if (!version) return false;
  await db.notebookVersion.create({
    data: { notebookId, kind: "auto", snapshot: version.snapshot, cells: version.cells },
  });
  return true;
}

export async function listVersions(db: Db, viewer: AccessViewer | null, slug: string) {
  const notebook = await findReadable(db, viewer, { slug });
  if (!notebook) return null;
  const versions = await db.notebookVersion.findMany({
    where: { notebookId: notebook.id },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, kind: true, authorName: true, createdAt: true, cells: true },
  });
  return { notebook, versions: versions.map(summary) };
}

export type CellChange = "same" | "changed" | "added" | "removed";

/** Cell by cell, by id: what the version has against what the notebook has now. */
export function compareCells(version: readonly IpynbCell[], now: readonly IpynbCell[]) {
  const text = (c: IpynbCell) => (Array.isArray(c.source) ? c.source.join("") : String(c.source));
  const nowById = new Map(now.map((c) => [c.id, c]));
  const versionIds = new Set(version.map((c) => c.id));
  const rows: { id: string; change: CellChange; type: string; then: string | null; now: string | null }[] = version.map((c) => {
    const current = nowById.get(c.id);
    const then = text(c);
    if (!current) return { id: c.id, change: "removed", type: c.cell_type, then, now: null };
    const same = current.cell_type === c.cell_type && text(current) === then;
    return { id: c.id, change: same ? "same" : "changed", type: current.cell_type, then, now: text(current) };
  });
  for (const c of now) if (!versionIds.has(c.id)) rows.push({ id: c.id, change: "added", type: c.cell_type, then: null, now: text(c) });
  return rows;
}

export async function loadVersion(db: Db, viewer: AccessViewer | null, slug: string, versionId: string) {
  const notebook = await findReadable(db, viewer, { slug });
  if (!notebook) return null;
  const version = await db.notebookVersion.findFirst({ where: { id: versionId, notebookId: notebook.id } });
  if (!version) return null;
  const now = await readDocumentState(notebook.id);
  const nowCells = now ? await runWork("cellsOf", now) : [];
  const versionCells = storedCells(version.cells);
  return {
    notebook,
    version: { ...summary(version), snapshot: version.snapshot },
    comparison: compareCells(versionCells, nowCells),
  };
}

export async function restoreVersion(db: Db, viewer: AccessViewer, notebookId: string, versionId: string): Promise<VersionAction> {
  const notebook = await findReadable(db, viewer, { id: notebookId });
  if (!notebook || !notebook.canWrite) return NOT_FOUND;
  const version = await db.notebookVersion.findFirst({ where: { id: versionId, notebookId }, select: { snapshot: true } });
  if (!version) return NOT_FOUND;
  const nb = await runWork("restorable", version.snapshot);
  if (!nb.ok) return fail("bad_request", `That version cannot be restored: ${nb.message}`);
  const changed = await changeDocument(notebookId, (doc) => replaceWithIpynb(doc, nb.value, SYSTEM));
  return changed ? done : NOT_FOUND;
}
