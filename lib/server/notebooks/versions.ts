/**
 * Versions of a notebook: saved by name by anyone who may edit it, and kept automatically when
 * its room goes idle (the last person leaves) if it changed since the latest version. Anyone who
 * may read the notebook sees its history and any version; restoring one is an editor's, and is a
 * new change to the live document that everyone in the room sees (documents/service.ts), never a
 * rewrite of history; so is restoring one cell. A version's page shows how the notebook changed
 * since (lib/versions/notebook-diff.ts). What one may not read is "not found" throughout.
 */
import * as Y from "yjs";
import { replaceWithIpynb, SYSTEM } from "../../notebook";
import { restoreCell } from "../../notebook/nbformat/restore-cell";
import { diffNotebooks } from "../../versions/notebook-diff";
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
  return (await storeVersion(db, notebookId, clean, viewer.name)) ? done : NOT_FOUND;
}

/**
 * Saves the notebook as it is now (its live room's state included) as a named version, for a
 * caller that has checked who may: returns the version's id, or null when there is no notebook.
 */
export async function storeVersion(db: Db, notebookId: string, name: string, authorName: string): Promise<string | null> {
  const state = await readDocumentState(notebookId);
  if (!state) return null;
  const version = await runWork("versionOf", { state, latestCells: null });
  if (!version) return null;
  const made = await db.notebookVersion.create({
    data: { notebookId, name, kind: "manual", authorName, snapshot: version.snapshot, cells: version.cells },
    select: { id: true },
  });
  return made.id;
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
    diff: diffNotebooks(versionCells, nowCells),
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

/**
 * Brings one cell back as the version has it (its source, type, metadata and outputs), as one
 * change the room sees; a deleted cell returns after the cell that preceded it (restore-cell.ts).
 */
export async function restoreCellFromVersion(db: Db, viewer: AccessViewer | null, notebookId: string, versionId: string, cellId: string): Promise<VersionAction> {
  const notebook = await findReadable(db, viewer, { id: notebookId });
  if (!notebook || !notebook.canWrite) return NOT_FOUND;
  const version = await db.notebookVersion.findFirst({ where: { id: versionId, notebookId }, select: { cells: true } });
  if (!version) return NOT_FOUND;
  const cells = storedCells(version.cells);
  const index = cells.findIndex((c) => c.id === cellId);
  if (index < 0) return fail("not_found", "This version has no such cell.");
  const before = cells.slice(0, index).map((c) => c.id).reverse();
  let written = false;
  const changed = await changeDocument(notebookId, (doc) => {
    written = restoreCell(doc, cells[index]!, before, SYSTEM);
  });
  if (!changed) return NOT_FOUND;
  return written ? done : fail("bad_request", "That cell cannot be restored.");
}
