import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { brotliCompressSync } from "node:zlib";
import { kernelAssets } from "./kernel-assets";

const SNAPSHOT = Buffer.alloc(100_000, 3);
const CHART_LIBRARY = Buffer.from("window.Plotly = {};\n".repeat(5000));
let server: Server;
let base: string;

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), "tandem-assets-"));
  mkdirSync(join(root, "public", "pyodide"), { recursive: true });
  mkdirSync(join(root, "public", "kernel"), { recursive: true });
  writeFileSync(join(root, "public", "pyodide", "pyodide.asm.wasm"), Buffer.alloc(2048, 7));
  writeFileSync(join(root, "public", "kernel", "worker.js"), "export {};\n");
  mkdirSync(join(root, "public", "kernel", "snapshots"), { recursive: true });
  writeFileSync(join(root, "public", "kernel", "snapshots", "k.snapshot"), SNAPSHOT);
  writeFileSync(join(root, "public", "kernel", "snapshots", "k.snapshot.br"), brotliCompressSync(SNAPSHOT));
  mkdirSync(join(root, "public", "viz"), { recursive: true });
  writeFileSync(join(root, "public", "viz", "plotly.min.js"), CHART_LIBRARY);
  writeFileSync(join(root, "public", "viz", "plotly.min.js.br"), brotliCompressSync(CHART_LIBRARY));
  writeFileSync(join(root, "package.json"), "{}");
  const serve = kernelAssets(root);
  server = createServer((req, res) => {
    if (!serve(req, res)) res.writeHead(418).end("next");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("the kernel's static files", () => {
  it("go out uncompressed, typed, cross-origin isolated, with an ETag that makes a revisit a 304", async () => {
    const first = await fetch(`${base}/pyodide/pyodide.asm.wasm`, { headers: { "Accept-Encoding": "gzip, br" } });
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("application/wasm");
    expect(first.headers.get("content-encoding")).toBeNull();
    expect(first.headers.get("cross-origin-embedder-policy")).toBe("require-corp");
    expect(first.headers.get("cross-origin-resource-policy")).toBe("same-origin");
    expect((await first.arrayBuffer()).byteLength).toBe(2048);
    const etag = first.headers.get("etag")!;
    const again = await fetch(`${base}/pyodide/pyodide.asm.wasm`, { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    const worker = await fetch(`${base}/kernel/worker.js`);
    expect(worker.headers.get("content-type")).toMatch(/^text\/javascript/);
  });

  it("send the start-up snapshot brotli-compressed from its build-time copy, or as it is to clients without brotli", async () => {
    const url = `${base}/kernel/snapshots/k.snapshot`;
    const compressed = await fetch(url, { headers: { "Accept-Encoding": "gzip, deflate, br, zstd" } });
    expect(compressed.status).toBe(200);
    expect(compressed.headers.get("content-encoding")).toBe("br");
    expect(compressed.headers.get("vary")).toBe("Accept-Encoding");
    expect(Number(compressed.headers.get("content-length"))).toBeLessThan(1000);
    expect(Buffer.from(await compressed.arrayBuffer()).equals(SNAPSHOT)).toBe(true); // fetch decodes it
    const again = await fetch(url, { headers: { "Accept-Encoding": "br", "If-None-Match": compressed.headers.get("etag")! } });
    expect(again.status).toBe(304);
    for (const encoding of ["gzip", "br;q=0", "identity"]) {
      const plain = await fetch(url, { headers: { "Accept-Encoding": encoding } });
      expect(plain.headers.get("content-encoding"), encoding).toBeNull();
      expect(Number(plain.headers.get("content-length"))).toBe(SNAPSHOT.byteLength);
      expect(plain.headers.get("etag")).not.toBe(compressed.headers.get("etag"));
    }
  });

  it("send the chart libraries to output frames, cross-origin (their origin is opaque), brotli-compressed", async () => {
    const url = `${base}/viz/plotly.min.js`;
    const compressed = await fetch(url, { headers: { "Accept-Encoding": "gzip, br" } });
    expect(compressed.status).toBe(200);
    expect(compressed.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(compressed.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(compressed.headers.get("x-content-type-options")).toBe("nosniff");
    expect(compressed.headers.get("content-encoding")).toBe("br");
    expect(Number(compressed.headers.get("content-length"))).toBeLessThan(1000);
    expect(Buffer.from(await compressed.arrayBuffer()).equals(CHART_LIBRARY)).toBe(true);
    const plain = await fetch(url, { headers: { "Accept-Encoding": "identity" } });
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(Number(plain.headers.get("content-length"))).toBe(CHART_LIBRARY.byteLength);
    // Pyodide's files stay the page's only (it fetches them for its kernel); the kernel frame's
    // script is loaded by that frame's opaque origin.
    expect((await fetch(`${base}/pyodide/pyodide.asm.wasm`)).headers.get("cross-origin-resource-policy")).toBe("same-origin");
    expect((await fetch(`${base}/kernel/worker.js`)).headers.get("cross-origin-resource-policy")).toBe("cross-origin");
  });

  it("leave everything else to Next: other paths, missing files, escapes from the folder, bad escapes, other methods", async () => {
    for (const path of ["/", "/pyodide/missing.wasm", "/pyodide/%2e%2e/%2e%2e/package.json", "/pyodide/%E0%A4%A", "/kernel/", "/viz/..%2fkernel/worker.js"]) {
      const response = await fetch(`${base}${path}`);
      expect(response.status, path).toBe(418);
    }
    expect((await fetch(`${base}/kernel/worker.js`, { method: "POST" })).status).toBe(418);
  });
});
