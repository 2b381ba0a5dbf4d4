import type { NextConfig } from "next";

/**
 * Headers for every page. COOP + COEP make pages cross-origin isolated, which the Python kernel
 * needs for interrupts (SharedArrayBuffer) and a blocking input(); everything the app loads is
 * served by the app itself, so require-corp costs nothing. frame-ancestors 'none' keeps the app
 * out of other sites' frames (embeds will get their own, looser route).
 */
const securityHeaders = [
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Embedder-Policy", value: "require-corp" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
];

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native and WASM-backed database drivers must be required at run time, not bundled.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pg", "@prisma/adapter-pg", "yjs", "lib0", "y-protocols"],
  // `npm test` typechecks the whole tree (tsc) before anything else; checking again inside
  // `next build` would only slow every `npm start` after a change on a 2-core machine.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
