import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OUTPUT_FRAME_DOCUMENT, OUTPUT_FRAME_PATH } from "../../output/frame";
import { KERNEL_FRAME_PATH, KERNEL_FRAME_SCRIPT } from "../../protocol/kernel-frame";
import { kernelFrame, outputFrame } from "./output-frame";

let server: Server;
let base: string;

beforeAll(async () => {
  const serve = outputFrame("https://blog.example.com");
  server = createServer((req, res) => {
    if (!serve(req, res)) res.writeHead(418).end("next");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("outputFrame", () => {
  it("serves the frame's document sandboxed, framed by the app and the embeds' sites, fit for an isolated page", async () => {
    const response = await fetch(`${base}${OUTPUT_FRAME_PATH}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await response.text()).toBe(OUTPUT_FRAME_DOCUMENT);
    const policy = response.headers.get("content-security-policy") ?? "";
    expect(policy).toMatch(/(^|; )sandbox allow-scripts(;|$)/);
    expect(policy).toMatch(/(^|; )frame-ancestors 'self' https:\/\/blog\.example\.com(;|$)/);
    // No browser named (Node's fetch): the policy every browser understands.
    expect(response.headers.get("cross-origin-embedder-policy")).toBe("require-corp");
    expect(response.headers.get("vary")).toContain("User-Agent");
  });

  it("takes the framing page's embedder policy: credentialless for a browser that knows it", async () => {
    const chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    const response = await fetch(`${base}${OUTPUT_FRAME_PATH}`, { headers: { "user-agent": chrome } });
    expect(response.headers.get("cross-origin-embedder-policy")).toBe("credentialless");
    const etag = response.headers.get("etag")!;
    const again = await fetch(`${base}${OUTPUT_FRAME_PATH}`, { headers: { "user-agent": chrome, "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get("cross-origin-embedder-policy")).toBe("credentialless");
  });

  it("answers a revalidation with 304", async () => {
    const etag = (await fetch(`${base}${OUTPUT_FRAME_PATH}`)).headers.get("etag")!;
    const again = await fetch(`${base}${OUTPUT_FRAME_PATH}?x=1`, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
  });

  it("leaves every other path, and other methods, to Next", async () => {
    expect((await fetch(`${base}${OUTPUT_FRAME_PATH}/x`)).status).toBe(418);
    expect((await fetch(`${base}/`)).status).toBe(418);
    expect((await fetch(`${base}${OUTPUT_FRAME_PATH}`, { method: "POST" })).status).toBe(418);
  });
});

describe("kernelFrame", () => {
  it("serves Python's frame sandboxed, with the script that starts its worker, framed by the app and the embeds' sites", async () => {
    const serve = kernelFrame("https://blog.example.com");
    const kernelServer = createServer((req, res) => {
      if (!serve(req, res)) res.writeHead(418).end("next");
    });
    await new Promise<void>((r) => kernelServer.listen(0, "127.0.0.1", r));
    try {
      const url = `http://127.0.0.1:${(kernelServer.address() as AddressInfo).port}`;
      const response = await fetch(`${url}${KERNEL_FRAME_PATH}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain(`<script src="${KERNEL_FRAME_SCRIPT}"></script>`);
      const policy = response.headers.get("content-security-policy") ?? "";
      expect(policy).toMatch(/(^|; )sandbox allow-scripts(;|$)/);
      expect(policy).toMatch(/(^|; )frame-ancestors 'self' https:\/\/blog\.example\.com(;|$)/);
      expect(response.headers.get("cross-origin-embedder-policy")).toBe("require-corp");
      expect((await fetch(`${url}${OUTPUT_FRAME_PATH}`)).status).toBe(418);
    } finally {
      await new Promise<void>((r) => kernelServer.close(() => r()));
    }
  });
});
