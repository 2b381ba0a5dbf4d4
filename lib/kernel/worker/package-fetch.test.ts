import { createHash } from "node:crypto";
import { describe, expect, it, vi } from "vitest";

import { readSourceLock, watchPackageFetches, type FetchScope } from "./package-fetch";
import type { PackageFailure } from "./packages";

const BASE = "https://cdn.example/pyodide/v1/full/";
const WHEEL = new TextEncoder().encode("a wheel's bytes");
const INTEGRITY = `sha256-${createHash("sha256").update(WHEEL).digest("base64")}`;

function scopeWith(answer: (url: string, init?: RequestInit) => Promise<Response>) {
  const calls: { url: string; init?: RequestInit }[] = [];
  const scope: FetchScope = {
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      calls.push({ url, init });
      return answer(url, init);
    }) as typeof fetch,
    location: { href: "https://tandem.example/kernel/worker.js" },
  };
  const events: string[] = [];
  const failures: [string, PackageFailure][] = [];
  watchPackageFetches(scope, BASE, {
    loading: (file, bytes) => events.push(`${file} ${bytes}`),
    failed: (file, failure) => failures.push([file, failure]),
  });
  return { scope, calls, events, failures };
}

const wheel = () => Promise.resolve(new Response(WHEEL, { headers: { "Content-Length": String(WHEEL.length) } }));

describe("watching package downloads", () => {
  it("reports a wheel's size when its headers arrive, and checks its integrity itself", async () => {
    const { scope, calls, events } = scopeWith(wheel);
    const response = await scope.fetch(`${BASE}numpy-2.whl`, { integrity: INTEGRITY });
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(WHEEL);
    expect(events).toEqual([`numpy-2.whl ${WHEEL.length}`]);
    expect(calls[0]!.init?.integrity).toBe(""); // the browser would hide the headers until the end
  });

  it("refuses a wheel whose bytes are not the ones the lock names", async () => {
    const { scope, failures } = scopeWith(wheel);
    await expect(scope.fetch(`${BASE}numpy-2.whl`, { integrity: "sha256-AAAA" })).rejects.toThrow(/integrity/);
    expect(failures).toEqual([["numpy-2.whl", "corrupt"]]);
  });

  it("tells a server that does not answer from one that answers without the file", async () => {
    const down = scopeWith(() => Promise.reject(new TypeError("Failed to fetch")));
    await expect(down.scope.fetch(`${BASE}numpy-2.whl`, { integrity: INTEGRITY })).rejects.toThrow("Failed to fetch");
    expect(down.failures).toEqual([["numpy-2.whl", "unreachable"]]);
    const partial = scopeWith(() => Promise.resolve(new Response("", { status: 404 })));
    expect((await partial.scope.fetch(`${BASE}numpy-2.whl`)).status).toBe(404);
    expect(partial.failures).toEqual([["numpy-2.whl", "refused"]]);
  });

  it("leaves every other fetch alone", async () => {
    const { scope, calls, events } = scopeWith(wheel);
    await scope.fetch("https://pypi.org/pypi/requests/json", { integrity: INTEGRITY });
    expect(calls[0]!.init).toEqual({ integrity: INTEGRITY });
    expect(events).toEqual([]);
  });

  it("without WebCrypto (a kernel frame's worker), passes the integrity on and still reports the size and a corrupt wheel", async () => {
    vi.stubGlobal("crypto", {});
    try {
      const { scope, calls, events } = scopeWith(wheel);
      await scope.fetch(`${BASE}numpy-2.whl`, { integrity: INTEGRITY });
      expect(calls[0]!.init?.integrity).toBe(INTEGRITY);
      expect(events).toEqual([`numpy-2.whl ${WHEEL.length}`]);
      const corrupt = scopeWith(async () => {
        const body = new ReadableStream({ pull: (c) => c.error(new TypeError("numpy-2.whl does not match its integrity sha256-AAAA")) });
        return new Response(body, { headers: { "Content-Length": "10" } });
      });
      await expect(corrupt.scope.fetch(`${BASE}numpy-2.whl`, { integrity: "sha256-AAAA" })).rejects.toThrow(/integrity/);
      expect(corrupt.failures).toEqual([["numpy-2.whl", "corrupt"]]);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("resolves a base on this site against the worker's location", async () => {
    const calls: string[] = [];
    const scope: FetchScope = { fetch: (async (input: RequestInfo | URL) => (calls.push(String(input)), wheel())) as typeof fetch, location: { href: "https://tandem.example/kernel/worker.js" } };
    const events: string[] = [];
    watchPackageFetches(scope, "/pyodide-packages/", { loading: (f) => events.push(f), failed: () => {} });
    await scope.fetch("/pyodide-packages/micropip-0.11.whl");
    expect(calls).toEqual(["https://tandem.example/pyodide-packages/micropip-0.11.whl"]);
    expect(events).toEqual(["micropip-0.11.whl"]);
  });
});

describe("a mirror's lock file", () => {
  it("is read from the source, or left to the bundled one when it cannot be", async () => {
    const lock = JSON.stringify({ info: {}, packages: {} });
    const ok: FetchScope = { fetch: (async () => new Response(lock)) as typeof fetch };
    expect(await readSourceLock("https://mirror.example/p/", ok, "pyodide-lock.json")).toBe(lock);
    const html: FetchScope = { fetch: (async () => new Response("<html>")) as typeof fetch };
    const missing: FetchScope = { fetch: (async () => new Response("", { status: 404 })) as typeof fetch };
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      expect(await readSourceLock("https://mirror.example/p/", html, "pyodide-lock.json")).toBeNull();
      expect(await readSourceLock("https://mirror.example/p/", missing, "pyodide-lock.json")).toBeNull();
      expect(warn).toHaveBeenCalledTimes(2);
    } finally {
      warn.mockRestore();
    }
  });
});
