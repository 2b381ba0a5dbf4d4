import "server-only";
import { getDb } from "./db/client";

export interface LessonCard {
  slug: string;
  title: string;
  summary: string;
  level: string;
  minutes: number;
  cellCount: number;
  notebookSlug: string;
}

/** The lesson catalogue, in catalogue order. */
export async function listLessons(): Promise<LessonCard[]> {
  const rows = await getDb().lesson.findMany({
    orderBy: [{ position: "asc" }, { title: "asc" }],
    select: {
      slug: true,
      title: true,
      summary: true,
      level: true,
      minutes: true,
      notebook: { select: { slug: true, document: { select: { cellCount: true } } } },
    },
  });
  return rows.map((row) => ({
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    level: row.level,
    minutes: row.minutes,
    cellCount: row.notebook.document?.cellCount ?? 0,
    notebookSlug: row.notebook.slug,
  }));
}
