/**
 * GET /n/<slug>/state: the notebook's current document as one binary Yjs update, which its page
 * fetches (and preloads) instead of carrying megabytes of base64 in its HTML
 * (lib/react/use-document-state.ts). The live room's state when it is open, else one atomic load
 * (documents/service.ts). The same read check as the page: a notebook you may not read is a 404.
 */
import { bytesBody } from "@/lib/server/http/bytes-body";
import { defineRoute } from "@/lib/server/http/route";
import { loadReadableState } from "@/lib/server/notebooks/queries";
import { fail } from "@/lib/util/result";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  auth: "optional",
  params: ["slug"],
  run: async ({ viewer, params }) => {
    const found = await loadReadableState(params.slug, viewer);
    if (!found) return fail("not_found", "There is no such notebook.");
    const { body, length } = bytesBody(found.state);
    return new Response(body, {
      headers: {
        "content-type": "application/octet-stream",
        "content-length": length,
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  },
});
