/**
 * GET /n/<slug>/export?format=ipynb|py: the notebook as a file. .ipynb is nbformat 4.5 with
 * outputs and provenance (`tandem.execution` cell metadata); format=py is the script jupytext
 * writes in its percent format, named with the extension of the notebook's language (.py, .R, .jl...).
 * Written on a work thread from the live document (lib/server/work/).
 * The same read check as the page: a notebook you may not read is a 404, like one that does not
 * exist.
 */
import { defineRoute } from "@/lib/server/http/route";
import { loadReadableState } from "@/lib/server/notebooks/queries";
import { runWork } from "@/lib/server/work/run";
import { fail } from "@/lib/util/result";

export const dynamic = "force-dynamic";

/** A file name from a title: no path separators, control characters or quotes. */
function fileName(title: string, extension: string): string {
  const base = title.replace(/[\\/:*?"<>|\p{Cc}]+/gu, " ").replace(/\s+/g, " ").trim().slice(0, 100) || "notebook";
  return `${base}.${extension}`;
}

function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export const GET = defineRoute({
  auth: "optional",
  params: ["slug"],
  run: async ({ request, viewer, params }) => {
    const format = new URL(request.url).searchParams.get("format") ?? "ipynb";
    if (format !== "ipynb" && format !== "py") return fail("bad_request", 'format must be "ipynb" or "py".');
    const found = await loadReadableState(params.slug, viewer);
    if (!found) return fail("not_found", "There is no such notebook.");
    // Writing the file of a large notebook is a work thread's job (lib/server/work/).
    const { body, extension } = await runWork("exportFile", { state: found.state, format, title: found.title });
    return new Response(body, {
      headers: {
        "content-type": format === "ipynb" ? "application/x-ipynb+json; charset=utf-8" : extension === "py" ? "text/x-python; charset=utf-8" : "text/plain; charset=utf-8",
        "content-disposition": attachment(fileName(found.title, extension)),
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  },
});
