/**
 * Headers for every response of the app. COOP + COEP make pages cross-origin isolated, which the
 * Python kernel needs for interrupts (SharedArrayBuffer) and a blocking input(); everything the app
 * loads is served by the app itself, so require-corp costs nothing. frame-ancestors 'none' keeps
 * the app out of other sites' frames (embeds will get their own, looser route). Used by
 * next.config.ts and by the kernel's static files (kernel-assets.ts), which server.ts serves itself.
 */
export const SECURITY_HEADERS: readonly { key: string; value: string }[] = [
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Embedder-Policy", value: "require-corp" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
];
