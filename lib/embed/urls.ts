/**
 * Embeds' addresses and snippets, in one place for the page that offers them (the Embed dialog),
 * the frame that serves them (/embed/<slug>), the loader script (/embed.js) and oEmbed.
 *
 *   /embed/<slug>                      the whole notebook
 *   /embed/<slug>?cell=<id>            one cell
 *   /embed/<slug>?cells=<from>..<to>   a range of cells, both ends included, in notebook order
 *   ...&kernel=shared&page=<token>     frames of one page with the same token share one Python
 *
 * A notebook's own URL names a cell the same way (/n/<slug>?cell=<id>), which is what oEmbed
 * consumers are given and send back.
 */

import { isCellId } from "../notebook/ids";

/** Which cells an embed shows. */
export type EmbedSelection = { kind: "notebook" } | { kind: "cell"; id: string } | { kind: "range"; from: string; to: string };

/** The selection a frame's (or a notebook URL's) query asks for; null when it is malformed. */
export function parseSelection(params: { cell?: string | null; cells?: string | null }): EmbedSelection | null {
  if (params.cell) return isCellId(params.cell) ? { kind: "cell", id: params.cell } : null;
  if (params.cells) {
    const [from, to, extra] = params.cells.split("..");
    if (!from || !to || extra !== undefined || !isCellId(from) || !isCellId(to)) return null;
    return from === to ? { kind: "cell", id: from } : { kind: "range", from, to };
  }
  return { kind: "notebook" };
}

function selectionQuery(selection: EmbedSelection): string {
  if (selection.kind === "cell") return `cell=${encodeURIComponent(selection.id)}`;
  if (selection.kind === "range") return `cells=${encodeURIComponent(selection.from)}..${encodeURIComponent(selection.to)}`;
  return "";
}

/** The frame's URL. */
export function embedUrl(origin: string, slug: string, selection: EmbedSelection, kernel?: { shared: string }): string {
  const query = [selectionQuery(selection), kernel ? `kernel=shared&page=${encodeURIComponent(kernel.shared)}` : ""].filter(Boolean).join("&");
  return `${origin}/embed/${encodeURIComponent(slug)}${query ? `?${query}` : ""}`;
}

/** The notebook page's URL for a selection (what oEmbed takes). */
export function notebookUrl(origin: string, slug: string, selection: EmbedSelection): string {
  const query = selection.kind === "notebook" ? "" : `?${selectionQuery(selection)}`;
  return `${origin}/n/${encodeURIComponent(slug)}${query}`;
}

/** The slug and selection of a Tandem notebook or embed URL on `origin`, or null. */
export function parseTandemUrl(url: string, origin: string): { slug: string; selection: EmbedSelection } | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.origin !== origin) return null;
  const match = /^\/(?:n|embed)\/([a-z0-9-]{1,120})\/?$/.exec(parsed.pathname);
  if (!match) return null;
  const selection = parseSelection({ cell: parsed.searchParams.get("cell"), cells: parsed.searchParams.get("cells") });
  return selection ? { slug: match[1]!, selection } : null;
}

const attr = (value: string) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** A height to start from before the frame reports its own (one cell, or more). */
export const initialHeight = (selection: EmbedSelection) => (selection.kind === "cell" ? 220 : 480);

/** The <iframe> snippet: works anywhere, without a script, at a fixed height. */
export function iframeSnippet(origin: string, slug: string, selection: EmbedSelection, title: string): string {
  return `<iframe src="${attr(embedUrl(origin, slug, selection))}" title="${attr(title)}" width="100%" height="${initialHeight(selection)}" style="border:0" loading="lazy" allow="clipboard-write"></iframe>`;
}

/** The script-tag snippet: the loader sizes each frame to its content. */
export function scriptSnippet(origin: string, slug: string, selection: EmbedSelection): string {
  const target =
    selection.kind === "cell" ? ` data-tandem-cell="${attr(selection.id)}"` : selection.kind === "range" ? ` data-tandem-cells="${attr(selection.from)}..${attr(selection.to)}"` : "";
  return `<div data-tandem-notebook="${attr(slug)}"${target}></div>\n<script src="${attr(origin)}/embed.js" async></script>`;
}
