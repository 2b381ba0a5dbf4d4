import type { NextConfig } from "next";

import { EMBED_HEADERS, SECURITY_HEADERS } from "./lib/server/http/security-headers";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native and WASM-backed database drivers must be required at run time, not bundled. prom-client
  // too: it reads process internals (perf_hooks, v8) and its registry is shared with server.ts
  // (lib/server/metrics.ts).
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pg", "@prisma/adapter-pg", "yjs", "lib0", "y-protocols", "prom-client", "ioredis"],
  // `npm test` typechecks the whole tree (tsc) before anything else; checking again inside
  // `next build` would only slow every `npm start` after a change on a 2-core machine.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    // Embeds (security-headers.ts: isEmbedPath) get their own set; their frame-ancestors comes from
    // the environment at run time (server.ts), not from this build.
    return [
      { source: "/((?!embed/|embed\\.js$|api/oembed).*)", headers: [...SECURITY_HEADERS] },
      { source: "/embed/:path*", headers: [...EMBED_HEADERS] },
      { source: "/embed.js", headers: [...EMBED_HEADERS] },
      { source: "/api/oembed", headers: [...EMBED_HEADERS] },
    ];
  },
};

export default nextConfig;
