/**
 * oEmbed 1.0 (https://oembed.com): a site that is given a Tandem notebook URL (/n/<slug>, with
 * ?cell=<id> or ?cells=<a>..<b>, or an /embed/ URL) asks GET /api/oembed?url=... and gets back the
 * iframe to paste, as a "rich" answer. What can be embedded is decided by loadEmbed (embeds.ts),
 * the same call the frame makes, so oEmbed answers exactly when the frame would show something:
 * a public or link-shared notebook, and cells that are in its current document. Everything else
 * (private, in the trash, missing, an unknown cell) is one and the same not_found.
 *
 * Which answer for which request, decided here and mapped to HTTP once by the route:
 *   bad_request (400)      no url, a url that is not an absolute URL, or a maxwidth/maxheight that
 *                          is not a positive integer: the request itself is malformed
 *   not_found (404)        a well-formed URL that names nothing embeddable on this site, including
 *                          URLs of other sites and other paths: the spec's "no response for the
 *                          requested url", which lets a consumer try any URL it sees
 *   not_implemented (501)  any format but json (the spec's answer for xml)
 */
import { embedTitle } from "../../embed/labels";
import { iframeSnippet, initialHeight, notebookUrl, parseTandemUrl } from "../../embed/urls";
import type { Db } from "../db/client";
import { fail, ok, type Result } from "../../util/result";
import { loadEmbed } from "./embeds";

export type OEmbedCode = "not_found" | "bad_request" | "not_implemented";

/** The answer of a "rich" oEmbed 1.0 response. */
export interface OEmbedJson {
  version: "1.0";
  type: "rich";
  provider_name: "Tandem";
  provider_url: string;
  title: string;
  html: string;
  width: number;
  height: number;
  cache_age: number;
}

export interface OEmbedOptions {
  maxwidth?: number;
  maxheight?: number;
  /** "json" (the default) is the only one answered. */
  format?: string;
}

export type OEmbedResult = Result<OEmbedJson, OEmbedCode>;

/** The width of the answer when the consumer sets no maxwidth (the frame itself is fluid). */
export const DEFAULT_WIDTH = 720;
/** Seconds a consumer may keep the answer. */
export const CACHE_AGE = 3600;

const NOT_FOUND = "There is no embeddable notebook at that URL.";

/** The discovery endpoint for a notebook page: the absolute URL of its oEmbed answer. */
export function oembedEndpoint(origin: string, slug: string): string {
  return `${origin}/api/oembed?url=${encodeURIComponent(notebookUrl(origin, slug, { kind: "notebook" }))}&format=json`;
}

function positiveInteger(value: string | null): number | null | undefined {
  if (value === null || value === "") return undefined;
  return /^\d{1,6}$/.test(value) && Number(value) > 0 ? Number(value) : null;
}

/** The url and options of an oEmbed query string, or bad_request. */
export function readOEmbedQuery(params: URLSearchParams): Result<{ url: string; options: OEmbedOptions }, "bad_request"> {
  const url = params.get("url");
  if (!url) return fail("bad_request", "The url parameter is required.");
  if (!URL.canParse(url)) return fail("bad_request", "The url parameter must be an absolute URL.");
  const maxwidth = positiveInteger(params.get("maxwidth"));
  const maxheight = positiveInteger(params.get("maxheight"));
  if (maxwidth === null || maxheight === null) return fail("bad_request", "maxwidth and maxheight must be positive integers.");
  const format = params.get("format") ?? undefined;
  return ok({ url, options: { maxwidth, maxheight, format } });
}

/**
 * Sets the iframe's width and height attributes to the answered size, as oEmbed asks that the html
 * fit maxwidth and maxheight. Throws if the snippet no longer has the attributes it is known to.
 */
function sized(html: string, width: string, height: number): string {
  const resized = html.replace(/ width="[^"]*"/, ` width="${width}"`).replace(/ height="\d+"/, ` height="${height}"`);
  if (!resized.includes(` width="${width}"`) || !resized.includes(` height="${height}"`)) {
    throw new Error(`iframeSnippet's markup changed: no width/height attributes to size in ${html}`);
  }
  return resized;
}

/** The oEmbed answer for `url` (a notebook or embed URL on `origin`). */
export async function oembedFor(db: Db, origin: string, url: string, options: OEmbedOptions = {}): Promise<OEmbedResult> {
  if (options.format !== undefined && options.format !== "json") {
    return fail("not_implemented", 'Only format "json" is available.');
  }
  const target = parseTandemUrl(url, origin);
  if (!target) return fail("not_found", NOT_FOUND);
  const embed = await loadEmbed(db, target.slug, target.selection);
  if (!embed) return fail("not_found", NOT_FOUND);

  const title = embedTitle(embed.title, target.selection.kind === "notebook" ? [] : embed.cells.map((c) => c.position));
  const naturalHeight = initialHeight(target.selection);
  const width = Math.min(DEFAULT_WIDTH, options.maxwidth ?? DEFAULT_WIDTH);
  const height = Math.min(naturalHeight, options.maxheight ?? naturalHeight);
  const snippet = iframeSnippet(origin, embed.slug, target.selection, title);
  // Unconstrained, the frame keeps the snippet's fluid width (the Embed dialog's own iframe).
  const constrained = options.maxwidth !== undefined || options.maxheight !== undefined;
  return ok({
    version: "1.0",
    type: "rich",
    provider_name: "Tandem",
    provider_url: origin,
    title,
    html: constrained ? sized(snippet, options.maxwidth !== undefined ? String(width) : "100%", height) : snippet,
    width,
    height,
    cache_age: CACHE_AGE,
  });
}
