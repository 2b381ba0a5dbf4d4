/**
 * Loading the lesson catalogue from seed notebooks. Idempotent: a file whose bytes have not
 * changed since the last load is left alone; a changed file replaces the catalogue copy's content
 * (its snapshot, and any update log) in one transaction. Notebooks people made from a lesson
 * (forks, assignments) are separate rows and are never touched. A lesson whose file disappeared
 * stays in the catalogue (loading never deletes data); the report says so.
 */
import type { Db } from "../db/client";
import { documentFromIpynb } from "../../notebook/nbformat/convert";
import { materializeDocument } from "../documents/materialize";
import { SeedError, type SeedFile } from "./read-seeds";

export interface SeedReport {
  created: string[];
  updated: string[];
  unchanged: string[];
  /** Lessons in the database whose seed file is gone. */
  orphaned: string[];
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

async function writeLesson(tx: Tx, file: SeedFile, notebookId: string | null): Promise<void> {
  const { lesson } = file;
  const document = materializeDocument(documentFromIpynb(file.notebook));
  const catalogue = {
    title: lesson.title,
    summary: lesson.summary,
    level: lesson.level,
    minutes: lesson.minutes,
    position: lesson.position,
    sourcePath: file.path,
    contentHash: file.hash,
  };
  if (notebookId === null) {
    const clash = await tx.notebook.findUnique({ where: { slug: lesson.slug }, select: { id: true } });
    if (clash) throw new SeedError(file.path, `the notebook URL name "${lesson.slug}" is taken by another notebook`);
    await tx.notebook.create({
      data: {
        slug: lesson.slug,
        title: lesson.title,
        visibility: "public",
        document: { create: document },
        lesson: { create: { slug: lesson.slug, ...catalogue } },
      },
    });
    return;
  }
  await tx.notebook.update({ where: { id: notebookId }, data: { title: lesson.title } });
  await tx.notebookUpdate.deleteMany({ where: { notebookId } });
  await tx.notebookDocument.upsert({
    where: { notebookId },
    create: { notebookId, ...document },
    update: document,
  });
  await tx.lesson.update({ where: { slug: lesson.slug }, data: catalogue });
}

/** Brings the catalogue in line with `files` (already read and validated). */
export async function loadSeeds(db: Db, files: readonly SeedFile[]): Promise<SeedReport> {
  const report: SeedReport = { created: [], updated: [], unchanged: [], orphaned: [] };
  const existing = await db.lesson.findMany({ select: { slug: true, notebookId: true, contentHash: true } });
  const bySlug = new Map(existing.map((l) => [l.slug, l]));
  const changed = files.filter((file) => bySlug.get(file.lesson.slug)?.contentHash !== file.hash);
  for (const file of files) if (!changed.includes(file)) report.unchanged.push(file.lesson.slug);
  if (changed.length > 0) {
    await db.$transaction(async (tx) => {
      for (const file of changed) {
        const row = bySlug.get(file.lesson.slug);
        await writeLesson(tx, file, row?.notebookId ?? null);
        (row ? report.updated : report.created).push(file.lesson.slug);
      }
    });
  }
  const slugs = new Set(files.map((f) => f.lesson.slug));
  report.orphaned = existing.filter((l) => !slugs.has(l.slug)).map((l) => l.slug);
  return report;
}
