/**
 * Making notebooks: a blank one, or a copy of one the visitor may read (a lesson, say). A copy
 * carries the source's current Yjs state, so nothing is rebuilt from JSON; the new notebook gets
 * its own id and an unguessable URL name, and records what it was copied from.
 */
import { randomBytes } from "node:crypto";
import * as Y from "yjs";
import { z } from "zod";
import { insertCell, LOAD, SCHEMA_VERSION } from "../../notebook";
import { writeNotebookMetadata, writeSchemaVersion } from "../../notebook/schema";
import type { Db } from "../db/client";
import { materializeDocument, type StoredDocument } from "../documents/materialize";
import { readDocumentState } from "../documents/service";
import { runWork } from "../work/run";
import { fail, ok, type Result } from "../../util/result";
import type { AccessViewer, Visibility } from "./access";
import { findReadable } from "./readable";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** "My Notebook!" -> "my-notebook-k3v9q2x7mw" (10 random characters, about 51 bits). */
export function makeSlug(title: string): string {
  const base = title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48);
  const bytes = randomBytes(10);
  const suffix = Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join("");
  return base ? `${base}-${suffix}` : suffix;
}

/** "Python Internals" -> "Python Internals (copy)"; a copy of a copy stays "(copy)", within 200 characters. */
export function copyTitle(title: string): string {
  const base = title.replace(/\s*\(copy\)$/, "").slice(0, 193);
  return `${base} (copy)`;
}

export function blankDocument(): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    writeSchemaVersion(doc, SCHEMA_VERSION);
    writeNotebookMetadata(doc, {
      kernelspec: { name: "python3", display_name: "Python 3 (Pyodide)", language: "python" },
      language_info: { name: "python", version: "3.14", file_extension: ".py", mimetype: "text/x-python" },
    });
  }, LOAD);
  insertCell(doc, { type: "code" }, LOAD);
  return doc;
}

/** The body of POST /api/notebooks: what a visitor may ask for (the rest is the server's to set). */
export const createNotebookInput = z
  .object({
    title: z.string().max(200).optional(),
    from: z.string().max(200).optional(),
    sources: z.record(z.string().max(64), z.string().max(100_000)).optional(),
  })
  .describe("{ title?: string, from?: string, sources?: { [cellId]: string } }");

export interface CreateNotebookInput {
  title?: string;
  /** Slug of a notebook to copy. */
  from?: string;
  /** With `from`: new text for some of the copy's code cells, by id (a reader's embed edits). */
  sources?: Readonly<Record<string, string>>;
  visibility?: Visibility;
  ownerId?: string | null;
  /** The new notebook's content, instead of a blank one. */
  document?: Y.Doc;
  /** The new notebook's content already materialized (an import, on a work thread). */
  stored?: StoredDocument;
}

export type CreateNotebookResult = Result<{ id: string; slug: string }, "not_found">;

export async function createNotebook(db: Db, input: CreateNotebookInput, viewer: AccessViewer | null): Promise<CreateNotebookResult> {
  let content: StoredDocument;
  let title = input.title?.trim() || "Untitled notebook";
  let forkedFromId: string | null = null;
  if (input.from) {
    const source = await findReadable(db, viewer, { slug: input.from }, { document: { select: { notebookId: true } } });
    // The copy starts from the live document (documents/service.ts), edits not flushed yet included.
    const state = source?.row.document ? await readDocumentState(source.id) : null;
    if (!source || !state) return fail("not_found", "There is no such notebook to copy.");
    content = await runWork("copyDocument", { state, sources: input.sources ?? {} });
    // A copy says so, so that a library holding the lesson and its copy tells them apart.
    title = input.title?.trim() || copyTitle(source.title);
    forkedFromId = source.id;
  } else {
    content = input.stored ?? materializeDocument(input.document ?? blankDocument());
  }
  const row = await db.notebook.create({
    data: {
      slug: makeSlug(title),
      title,
      visibility: input.visibility ?? "link",
      ownerId: input.ownerId ?? null,
      forkedFromId,
      document: {
        create: content,
      },
    },
    select: { id: true, slug: true },
  });
  return ok(row);
}
