import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getScriptNonceFromHeader } from "next/dist/server/app-render/get-script-nonce-from-header";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kernelFramePolicy, newNonce, outputFramePolicy, packageSourceOrigin, pagePolicy, policyNonce, scriptNonce, stampPagePolicy } from "./csp";

const directives = (policy: string) => new Map(policy.split("; ").map((d) => [d.split(" ")[0]!, d.split(" ").slice(1)]));
const options = { nonce: "AAAAAAAAAAAAAAAAAAAAAA==", frameAncestors: "'none'", socketOrigins: ["http://localhost:3000", "https://tandem.example"], packageOrigin: null, dev: false };

describe("pagePolicy", () => {
  it("lets only the response's nonce'd scripts run, and what they load", () => {
    const policy = directives(pagePolicy(options));
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-AAAAAAAAAAAAAAAAAAAAAA=='", "'strict-dynamic'", "'wasm-unsafe-eval'"]);
    expect(policy.get("default-src")).toEqual(["'self'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'none'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
    expect(policy.get("frame-src")).toEqual(["'self'"]);
    // Python's worker is its kernel frame's, never the page's (lib/kernel/frame-launch.ts).
    expect(policy.get("worker-src")).toEqual(["'none'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
  });

  it("allows the collaboration socket's origins, as ws: and wss:", () => {
    expect(directives(pagePolicy(options)).get("connect-src")).toEqual(["'self'", "ws://localhost:3000", "wss://tandem.example"]);
  });

  it("allows fetches from a package source on another site, which the page makes for its Python", () => {
    const policy = pagePolicy({ ...options, packageOrigin: packageSourceOrigin("https://cdn.jsdelivr.net/pyodide/v314.0.7/full/") });
    expect(directives(policy).get("connect-src")).toEqual(["'self'", "https://cdn.jsdelivr.net", "ws://localhost:3000", "wss://tandem.example"]);
    expect(packageSourceOrigin("/pyodide-packages/")).toBeNull();
    expect(packageSourceOrigin(null)).toBeNull();
  });

  it("allows eval in development only", () => {
    expect(pagePolicy(options)).not.toContain("'unsafe-eval'");
    expect(directives(pagePolicy({ ...options, dev: true })).get("script-src")).toContain("'unsafe-eval'");
  });

  it("takes the embed's framers", () => {
    const policy = pagePolicy({ ...options, frameAncestors: "https://blog.example.com https://*.school.org" });
    expect(directives(policy).get("frame-ancestors")).toEqual(["https://blog.example.com", "https://*.school.org"]);
  });

  it("refuses a nonce that could break out of its source expression", () => {
    expect(() => pagePolicy({ ...options, nonce: "abc' 'unsafe-inline" })).toThrow(/nonce must be base64/);
    expect(() => pagePolicy({ ...options, nonce: "abc; script-src *" })).toThrow(/nonce must be base64/);
  });

  it("holds a nonce that Next finds, and so do scriptNonce and policyNonce", () => {
    const nonce = newNonce();
    const policy = pagePolicy({ ...options, nonce });
    expect(getScriptNonceFromHeader(policy)).toBe(nonce);
    expect(policyNonce(policy)).toBe(nonce);
    expect(scriptNonce(new Headers({ "content-security-policy": policy }))).toBe(nonce);
    expect(scriptNonce(new Headers())).toBeUndefined();
  });
});

describe("newNonce", () => {
  it("is 128 random bits, never the same twice", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});

describe("outputFramePolicy", () => {
  it("runs anything, always in an opaque origin, framed only where it is allowed", () => {
    const policy = directives(outputFramePolicy("'self' https://blog.example.com"));
    expect(policy.get("sandbox")).toEqual(["allow-scripts"]);
    expect(policy.get("default-src")).toContain("'unsafe-inline'");
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'self'", "https://blog.example.com"]);
  });
});

describe("stampPagePolicy", () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      stampPagePolicy(req, res, { frameAncestors: "'none'", socketOrigins: ["http://localhost:3000"], packageOrigin: null, dev: false });
      // What Next sees: the request's policy.
      res.end(JSON.stringify({ seen: req.headers["content-security-policy"], reportOnly: req.headers["content-security-policy-report-only"] ?? null }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("gives the request and its response one policy, with a fresh nonce each time", async () => {
    const first = await fetch(base);
    const second = await fetch(base);
    const [a, b] = [(await first.json()) as { seen: string }, (await second.json()) as { seen: string }];
    expect(first.headers.get("content-security-policy")).toBe(a.seen);
    expect(policyNonce(a.seen)).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(policyNonce(a.seen)).not.toBe(policyNonce(b.seen));
  });

  it("replaces whatever policy the client sent, so nobody picks the nonce", async () => {
    const response = await fetch(base, {
      headers: { "content-security-policy": "script-src 'nonce-chosen'", "content-security-policy-report-only": "script-src 'nonce-chosen'" },
    });
    const body = (await response.json()) as { seen: string; reportOnly: string | null };
    expect(policyNonce(body.seen)).not.toBe("chosen");
    expect(body.reportOnly).toBeNull();
  });
});

describe("kernelFramePolicy", () => {
  it("keeps Python's frame in an opaque origin, framed only by the app and the embeds' sites", () => {
    const policy = directives(kernelFramePolicy("'self' https://blog.example.com"));
    expect(policy.get("sandbox")).toEqual(["allow-scripts"]);
    expect(policy.get("frame-ancestors")).toEqual(["'self'", "https://blog.example.com"]);
    // Its worker inherits the policy, and runs WebAssembly and people's fetches.
    expect(policy.get("default-src")).toContain("'wasm-unsafe-eval'");
    expect(policy.get("default-src")).toContain("*");
  });
});
