/**
 * Headers for every response of the app. COOP + COEP make pages cross-origin isolated, which the
 * Python kernel needs for interrupts (SharedArrayBuffer) and a blocking input(). COEP is not in
 * this list: its value follows the browser (embedder-policy.ts), so server.ts sets it on each
 * response (stampEmbedderPolicy). Used by next.config.ts and by the kernel's static files
 * (kernel-assets.ts), which server.ts serves itself.
 *
 * The Content-Security-Policy is not here: a page's carries a fresh nonce per request, so server.ts
 * sets it on every response of Next (csp.ts holds every policy). That includes frame-ancestors,
 * 'none' for the app (never framed) and TANDEM_EMBED_FRAME_ANCESTORS for embeds.
 *
 * Embeds are the exception here too: /embed/* is meant to be framed by other sites, and /embed.js
 * and /api/oembed are loaded by them. They are cross-origin resources (CORP cross-origin), so even
 * a cross-origin isolated page may embed them.
 */
export const SECURITY_HEADERS: readonly { key: string; value: string }[] = [
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
];

/** The app's headers with CORP cross-origin: embed frames and their loader. */
export const EMBED_HEADERS: readonly { key: string; value: string }[] = SECURITY_HEADERS.map((h) =>
  h.key === "Cross-Origin-Resource-Policy" ? { key: h.key, value: "cross-origin" } : h,
);

