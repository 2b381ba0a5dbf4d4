/**
 * GET /api/classes/<id>/gradebook -> 200 text/csv (a download): the class's gradebook, for its
 * teachers (gradebook.ts); anyone else 404. Never cached.
 */
import { gradebookCsv } from "@/lib/server/classroom/gradebook";
import { getDb } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";
import { fail } from "@/lib/util/result";

export const dynamic = "force-dynamic";

/** A file name any system takes: the class's name, tamed. */
function fileName(name: string): string {
  const tame = name.replace(/[^\p{L}\p{N} _-]+/gu, "").trim().slice(0, 80) || "class";
  return `${tame} grades.csv`;
}

export const GET = defineRoute({
  auth: "user",
  params: ["id"],
  run: async ({ viewer, params }) => {
    const book = await gradebookCsv(getDb(), viewer.id, params.id);
    if (!book) return fail("not_found", "There is no such class.");
    const name = fileName(book.name);
    return new Response(book.csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${name.replace(/[^\x20-\x7e]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        "cache-control": "private, no-store",
      },
    });
  },
});
