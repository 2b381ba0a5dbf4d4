/**
 * GET /api/oembed?url=<notebook or embed URL>&format=json&maxwidth=&maxheight=: the oEmbed 1.0
 * answer (lib/server/embeds/oembed.ts says which answer for which request). Anonymous by design:
 * it reads no cookies and sets none, so what it tells is what any stranger may know, and any site
 * may read it (CORS *, and a cross-origin resource policy).
 */
import { CACHE_AGE, oembedFor, readOEmbedQuery } from "@/lib/server/embeds/oembed";
import { getDb } from "@/lib/server/db/client";
import { requestOrigin } from "@/lib/server/http/origin";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

const OPEN = { "access-control-allow-origin": "*", "cross-origin-resource-policy": "cross-origin" } as const;

export const GET = defineRoute({
  auth: "none",
  headers: { ...OPEN, "cache-control": `public, max-age=${CACHE_AGE}` },
  // Not cached: a notebook made public a minute later should embed at once.
  failureHeaders: { ...OPEN, "cache-control": "no-store" },
  run: async ({ request }) => {
    const query = readOEmbedQuery(new URL(request.url).searchParams);
    return query.ok ? oembedFor(getDb(), requestOrigin(request), query.value.url, query.value.options) : query;
  },
});
