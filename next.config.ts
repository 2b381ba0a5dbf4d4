import type { NextConfig } from "next";

import { SECURITY_HEADERS } from "./lib/server/http/security-headers";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native and WASM-backed database drivers must be required at run time, not bundled.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pg", "@prisma/adapter-pg", "yjs", "lib0", "y-protocols"],
  // `npm test` typechecks the whole tree (tsc) before anything else; checking again inside
  // `next build` would only slow every `npm start` after a change on a 2-core machine.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [{ source: "/:path*", headers: [...SECURITY_HEADERS] }];
  },
};

export default nextConfig;
