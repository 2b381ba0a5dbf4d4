/**
 * Serves the Python kernel's static files (public/pyodide/, public/kernel/) and the chart
 * libraries output frames load (public/viz/: lib/server/output/viz-libraries.ts) from the custom
 * server, ahead of Next. Why not leave them to Next: Next gzips every response on the fly, and
 * Pyodide's 9 MB WebAssembly took 0.4 s of server CPU per request (64 ms uncompressed on
 * loopback), on the same two cores the page needs to become editable (BENCHMARKS.md). Here they go
 * out as they are (the stdlib is a zip already), with an ETag so a revisit costs a 304, which also
 * lets the browser reuse its compiled WebAssembly. The start-up snapshot goes out brotli-compressed
 * from a copy made at build time.
 */
import { createReadStream, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, normalize } from "node:path";
import { STATIC_FILE_POLICY } from "./csp";
import { EMBED_HEADERS, SECURITY_HEADERS } from "./security-headers";

const TYPES: Record<string, string> = {
  ".wasm": "application/wasm",
  ".mjs": "text/javascript; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".zip": "application/zip",
  ".html": "text/html; charset=utf-8",
  ".snapshot": "application/octet-stream",
};

/**
 * Files written compressed at build time (lib/server/kernel/snapshot.ts writes `<file>.br`, and so
 * does viz-libraries.ts for every chart library): sent compressed to browsers that take it, at no
 * CPU cost here. Pyodide's own files stay as they are.
 */
const PRECOMPRESSED = new Set([".snapshot"]);

function acceptsBrotli(req: IncomingMessage): boolean {
  const accepted = req.headers["accept-encoding"];
  return typeof accepted === "string" && /(^|[\s,])br(;q=(?!0(\.0*)?(\s*,|$))[\d.]+)?(\s*,|$)/.test(accepted);
}

/**
 * The folders served. Pyodide's files are fetched by the page only (CORP same-origin), for its
 * kernel worker (lib/kernel/host-services.ts). /kernel/ holds the kernel frame's script, loaded by
 * that frame's opaque origin, and the chart libraries are loaded by output frames, likewise: every
 * load is cross-origin, so they go out with CORP cross-origin. They are public files, with nothing
 * of anyone's in them.
 */
const FOLDERS = [
  { prefix: "/pyodide/", crossOrigin: false, precompressed: false },
  { prefix: "/kernel/", crossOrigin: true, precompressed: false },
  { prefix: "/viz/", crossOrigin: true, precompressed: true },
] as const;

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** A request handler: true when it answered, false to let Next handle the request. */
export function kernelAssets(root: string): (req: IncomingMessage, res: ServerResponse) => boolean {
  const publicDir = join(root, "public");
  return (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const raw = new URL(req.url ?? "/", "http://localhost").pathname;
    const folder = FOLDERS.find((f) => raw.startsWith(f.prefix));
    if (!folder) return false;
    let path: string;
    try {
      path = decodeURIComponent(raw);
    } catch {
      return false; // A malformed escape: Next answers it.
    }
    const file = normalize(join(publicDir, path));
    const type = TYPES[extname(file)];
    // Within the folder asked for (`/viz/..%2fkernel/...` is not a chart library).
    if (!file.startsWith(join(publicDir, folder.prefix)) || !type) return false;
    const precompressed = folder.precompressed || PRECOMPRESSED.has(extname(file));
    const brotli = precompressed && acceptsBrotli(req) && isFile(`${file}.br`);
    const sent = brotli ? `${file}.br` : file;
    let stat;
    try {
      stat = statSync(sent);
    } catch {
      return false; // Next answers with its 404.
    }
    if (!stat.isFile()) return false;
    const etag = `"${brotli ? "br-" : ""}${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    for (const { key, value } of folder.crossOrigin ? EMBED_HEADERS : SECURITY_HEADERS) res.setHeader(key, value);
    // The worker's script is a document of sorts: it must opt in to isolation as the page does.
    // require-corp suits any page, credentialless or not; all it loads is same-origin or CORS.
    res.setHeader("Cross-Origin-Embedder-Policy", "require-corp");
    res.setHeader("Content-Security-Policy", STATIC_FILE_POLICY);
    res.setHeader("ETag", etag);
    res.setHeader("Cache-Control", "public, max-age=0, must-revalidate");
    if (precompressed) res.setHeader("Vary", "Accept-Encoding");
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304).end();
      return true;
    }
    res.writeHead(200, { "Content-Type": type, "Content-Length": stat.size, ...(brotli ? { "Content-Encoding": "br" } : {}) });
    if (req.method === "HEAD") res.end();
    else createReadStream(sent).pipe(res);
    return true;
  };
}
