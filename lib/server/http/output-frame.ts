/**
 * Serves the frame untrusted outputs render in (lib/output/frame.ts), ahead of Next, with headers
 * of its own: its policy (csp.ts: outputFramePolicy) keeps it in an opaque origin and lets the
 * output's scripts run; COEP as the page that frames it has (embedder-policy.ts), because that
 * page is cross-origin isolated and a frame of such a page must opt in too.
 */
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { OUTPUT_FRAME_DOCUMENT, OUTPUT_FRAME_PATH } from "../../output/frame";
import { outputFramePolicy } from "./csp";
import { stampEmbedderPolicy } from "./embedder-policy";

/**
 * A request handler: true when it answered, false to let Next handle the request.
 * `embedFrameAncestors` is TANDEM_EMBED_FRAME_ANCESTORS: embeds frame output frames too.
 */
export function outputFrame(embedFrameAncestors: string): (req: IncomingMessage, res: ServerResponse) => boolean {
  const body = Buffer.from(OUTPUT_FRAME_DOCUMENT, "utf8");
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 16)}"`;
  const headers = {
    "Content-Security-Policy": outputFramePolicy(`'self' ${embedFrameAncestors}`),
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    // Tiny, and must change with the app: revalidated every time (a 304 after the first).
    "Cache-Control": "no-cache",
    ETag: etag,
  };
  return (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    if (new URL(req.url ?? "/", "http://localhost").pathname !== OUTPUT_FRAME_PATH) return false;
    stampEmbedderPolicy(req, res);
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304, headers).end();
      return true;
    }
    res.writeHead(200, { ...headers, "Content-Type": "text/html; charset=utf-8", "Content-Length": body.length });
    if (req.method === "HEAD") res.end();
    else res.end(body);
    return true;
  };
}
