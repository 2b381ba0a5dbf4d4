/**
 * Headers for every response of the app. COOP + COEP make pages cross-origin isolated, which the
 * Python kernel needs for interrupts (SharedArrayBuffer) and a blocking input(); everything the app
 * loads is served by the app itself, so require-corp costs nothing. frame-ancestors 'none' keeps
 * the app out of other sites' frames. Used by next.config.ts and by the kernel's static files
 * (kernel-assets.ts), which server.ts serves itself.
 *
 * Embeds are the exception: /embed/* is meant to be framed, by the sites TANDEM_EMBED_FRAME_ANCESTORS
 * names (server.ts sets that frame-ancestors at run time), and /embed.js and /api/oembed are loaded
 * by other sites. They are cross-origin resources (CORP cross-origin), so even a cross-origin
 * isolated page may embed them.
 */
export const SECURITY_HEADERS: readonly { key: string; value: string }[] = [
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Embedder-Policy", value: "require-corp" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
];

/** The app's headers without frame-ancestors and with CORP cross-origin: embed frames and their loader. */
export const EMBED_HEADERS: readonly { key: string; value: string }[] = SECURITY_HEADERS.filter((h) => h.key !== "Content-Security-Policy").map((h) =>
  h.key === "Cross-Origin-Resource-Policy" ? { key: h.key, value: "cross-origin" } : h,
);

