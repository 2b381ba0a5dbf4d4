/**
 * GET /api/oembed?url=<notebook or embed URL>&format=json&maxwidth=&maxheight=: the oEmbed 1.0
 * answer (lib/server/embeds/oembed.ts says which answer for which request). Anonymous by design:
 * it reads no cookies and sets none, so what it tells is what any stranger may know, and any site
 * may read it (CORS *, and a cross-origin resource policy).
 */
import { oembedFor, readOEmbedQuery, type OEmbedCode } from "@/lib/server/embeds/oembed";
import { getDb } from "@/lib/server/db/client";
import { requestOrigin } from "@/lib/server/http/origin";

export const dynamic = "force-dynamic";

const STATUS: Record<OEmbedCode, number> = { bad_request: 400, not_found: 404, not_implemented: 501 };

const OPEN = { "access-control-allow-origin": "*", "cross-origin-resource-policy": "cross-origin" } as const;

export async function GET(request: Request): Promise<Response> {
  const query = readOEmbedQuery(new URL(request.url).searchParams);
  const result = query.ok ? await oembedFor(getDb(), requestOrigin(request), query.value.url, query.value.options) : query;
  if (!result.ok) {
    // Not cached: a notebook made public a minute later should embed at once.
    return Response.json({ code: result.code, message: result.message }, { status: STATUS[result.code], headers: { ...OPEN, "cache-control": "no-store" } });
  }
  return Response.json(result.value, { headers: { ...OPEN, "cache-control": `public, max-age=${result.value.cache_age}` } });
}
