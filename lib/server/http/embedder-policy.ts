/**
 * Which Cross-Origin-Embedder-Policy a document gets (docs/adr/0004-embedder-policy.md).
 *
 * The page must be cross-origin isolated: the kernel's interrupts, time.sleep and a blocking
 * input() need SharedArrayBuffer. Either COEP value gives that. `require-corp` also blocks every
 * image from a site that does not send Cross-Origin-Resource-Policy, which is almost every image a
 * notebook links (Wikipedia, imgur, a course's site). `credentialless` loads them, without
 * cookies, and keeps the isolation; but a browser that does not know it treats the page as having
 * no COEP at all, and the page loses its isolation.
 *
 * So the value follows the browser: `credentialless` where it is known to be supported (Chromium
 * 96+, Firefox 119+ on desktop and Android), `require-corp` elsewhere (Safari and every iOS
 * browser, which are WebKit, and anything unrecognised): there Python keeps its interrupts and
 * external images are blocked, as before. A response whose policy follows the User-Agent says so
 * with `Vary: User-Agent`.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

export type EmbedderPolicy = "credentialless" | "require-corp";

/** First versions that understand `Cross-Origin-Embedder-Policy: credentialless`. */
const CHROMIUM_SINCE = 96;
const FIREFOX_SINCE = 119;

function majorVersion(userAgent: string, product: RegExp): number | null {
  const match = product.exec(userAgent);
  return match ? Number(match[1]) : null;
}

export function embedderPolicyFor(userAgent: string | null | undefined): EmbedderPolicy {
  const ua = userAgent ?? "";
  // Every browser on iOS and iPadOS is WebKit, whatever it calls itself (CriOS, FxiOS, EdgiOS).
  if (/\b(iPhone|iPad|iPod)\b|CriOS\/|FxiOS\/|EdgiOS\//.test(ua)) return "require-corp";
  const firefox = majorVersion(ua, /\bFirefox\/(\d+)/);
  if (firefox !== null) return firefox >= FIREFOX_SINCE ? "credentialless" : "require-corp";
  // Chrome, Edge, Opera, Samsung Internet, Brave…: all carry Chromium's "Chrome/<major>".
  const chromium = majorVersion(ua, /\b(?:Chrome|Chromium|HeadlessChrome)\/(\d+)/);
  if (chromium !== null) return chromium >= CHROMIUM_SINCE ? "credentialless" : "require-corp";
  return "require-corp";
}

/** Sets the document's COEP for this browser, and Vary so that no cache hands it to another. */
export function stampEmbedderPolicy(req: IncomingMessage, res: ServerResponse): EmbedderPolicy {
  const policy = embedderPolicyFor(req.headers["user-agent"]);
  res.setHeader("Cross-Origin-Embedder-Policy", policy);
  res.appendHeader("Vary", "User-Agent");
  return policy;
}
