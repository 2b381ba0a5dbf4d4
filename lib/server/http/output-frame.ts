/**
 * Serves the two documents that run untrusted code in an opaque origin, ahead of Next, with headers
 * of their own: the frame outputs render in (lib/output/frame.ts) and the frame Python runs in
 * (lib/protocol/kernel-frame.ts). Each policy (csp.ts) keeps its document sandboxed however it is
 * loaded; COEP is the framing page's (embedder-policy.ts), because that page is cross-origin
 * isolated and a frame of such a page must opt in too.
 */
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { KERNEL_FRAME_PATH, KERNEL_FRAME_SCRIPT } from "../../protocol/kernel-frame";
import { OUTPUT_FRAME_DOCUMENT, OUTPUT_FRAME_PATH } from "../../output/frame";
import { kernelFramePolicy, outputFramePolicy } from "./csp";
import { stampEmbedderPolicy } from "./embedder-policy";

type Handler = (req: IncomingMessage, res: ServerResponse) => boolean;

/** The kernel frame's document: its script starts the worker (lib/kernel/frame-host.ts). */
export const KERNEL_FRAME_DOCUMENT = `<!doctype html><meta charset="utf-8"><title>Python</title><script src="${KERNEL_FRAME_SCRIPT}"></script>`;

/** A request handler for one sandboxed document: true when it answered, false to let Next handle the request. */
function sandboxedDocument(path: string, document: string, policy: string): Handler {
  const body = Buffer.from(document, "utf8");
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 16)}"`;
  const headers = {
    "Content-Security-Policy": policy,
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    // Tiny, and must change with the app: revalidated every time (a 304 after the first).
    "Cache-Control": "no-cache",
    ETag: etag,
  };
  return (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    if (new URL(req.url ?? "/", "http://localhost").pathname !== path) return false;
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

/** `embedFrameAncestors` is TANDEM_EMBED_FRAME_ANCESTORS: embeds frame output frames too. */
export function outputFrame(embedFrameAncestors: string): Handler {
  return sandboxedDocument(OUTPUT_FRAME_PATH, OUTPUT_FRAME_DOCUMENT, outputFramePolicy(`'self' ${embedFrameAncestors}`));
}

/** Likewise: embeds run Python in kernel frames of their own. */
export function kernelFrame(embedFrameAncestors: string): Handler {
  return sandboxedDocument(KERNEL_FRAME_PATH, KERNEL_FRAME_DOCUMENT, kernelFramePolicy(`'self' ${embedFrameAncestors}`));
}
