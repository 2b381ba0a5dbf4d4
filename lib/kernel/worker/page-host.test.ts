/**
 * The page's services to its kernel worker (../host-services.ts) and the worker's side of them,
 * over a real MessageChannel: what the worker may fetch through the page, and when the page keeps
 * a snapshot. Cell code can post on the port as the kernel does, so every refusal here is one a
 * cell would meet.
 */
import { afterEach, describe, expect, it } from "vitest";
import { isHostReply, isHostRequest } from "../../protocol/kernel-frame";
import { allowedUrl, createHostServices, type HostServices } from "../host-services";
import type { SnapshotStore } from "../snapshot-cache";
import { createPageHost, type PageHost } from "./page-host";

const APP = "https://tandem.example";
const PREFIXES = [`${APP}/pyodide/`, `${APP}/kernel/snapshots/`, "https://cdn.example/pyodide/"];

interface Fetched {
  readonly url: string;
  readonly init: RequestInit | undefined;
}

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

function connect(options: { files?: Record<string, string>; store?: SnapshotStore | null } = {}) {
  const channel = new MessageChannel();
  channels.push(channel);
  const fetched: Fetched[] = [];
  const saved: Uint8Array[] = [];
  const fakeFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    fetched.push({ url, init });
    const body = options.files?.[url];
    return body === undefined ? new Response("missing", { status: 404 }) : new Response(body, { headers: { "content-length": String(body.length) } });
  }) as typeof fetch;
  const services: HostServices = createHostServices(channel.port1, {
    prefixes: PREFIXES,
    snapshots: () => options.store ?? null,
    fetch: fakeFetch,
    saveDelayMs: 0,
  });
  channel.port1.onmessage = (event) => {
    if (isHostRequest(event.data)) services.handle(event.data);
  };
  const host: PageHost = createPageHost(channel.port2);
  channel.port2.onmessage = (event) => {
    if (isHostReply(event.data)) host.handle(event.data);
  };
  return { services, host, fetched, saved };
}

describe("the page's fetches for its kernel", () => {
  it("are made for the kernel's own files, without credentials, with their status and headers", async () => {
    const { host, fetched } = connect({ files: { [`${APP}/pyodide/pyodide-lock.json`]: '{"packages":{}}' } });
    const response = await host.fetch(`${APP}/pyodide/pyodide-lock.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-length")).toBe("15");
    expect(await response.json()).toEqual({ packages: {} });
    expect(fetched).toHaveLength(1);
    expect(fetched[0]!.init?.credentials).toBe("omit");
    const missing = await host.fetch(`${APP}/pyodide/nothing.whl`);
    expect(missing.status).toBe(404);
  });

  it("refuse anything else, the app's pages first: a cell cannot borrow the person's session", async () => {
    const { host, fetched } = connect();
    for (const url of [`${APP}/library`, `${APP}/api/notebooks`, `${APP}/pyodide/../library`, `${APP}/pyodide/%2e%2e/api/notebooks`, "https://evil.example/pyodide/"]) {
      await expect(host.fetch(url)).rejects.toThrow(/only the kernel's own files/);
    }
    expect(fetched).toEqual([]);
    expect(allowedUrl(`${APP}/pyodide/%2e%2e/library`, PREFIXES)).toBeNull();
    expect(allowedUrl("not a url", PREFIXES)).toBeNull();
    expect(allowedUrl("https://cdn.example/pyodide/numpy.whl", PREFIXES)).toBe("https://cdn.example/pyodide/numpy.whl");
  });

  it("check the integrity the worker asks for, and hand over a body that matches", async () => {
    const { host } = connect({ files: { "https://cdn.example/pyodide/a.whl": "wheel" } });
    const digest = Buffer.from(await crypto.subtle.digest("SHA-256", new TextEncoder().encode("wheel"))).toString("base64");
    const response = await host.fetch("https://cdn.example/pyodide/a.whl", { integrity: `sha256-${digest}` });
    expect(await response.text()).toBe("wheel");
  });

  it("are routed by the worker's fetch for the routed prefixes only", async () => {
    const { host, fetched } = connect({ files: { [`${APP}/pyodide/python_stdlib.zip`]: "zip" } });
    const own: string[] = [];
    const scope = { fetch: (async (input: RequestInfo | URL) => (own.push(String(input)), new Response("own"))) as typeof fetch };
    host.route(scope, [`${APP}/pyodide/`]);
    expect(await (await scope.fetch(`${APP}/pyodide/python_stdlib.zip`)).text()).toBe("zip");
    expect(await (await scope.fetch("https://api.example/data.json")).text()).toBe("own");
    expect(fetched.map((f) => f.url)).toEqual([`${APP}/pyodide/python_stdlib.zip`]);
    expect(own).toEqual(["https://api.example/data.json"]);
  });
});

describe("the page's snapshot store for its kernel", () => {
  function memoryStore() {
    const state = { stored: null as Uint8Array | null, discarded: 0 };
    const store: SnapshotStore = {
      async find() {
        return state.stored ? { bytes: Promise.resolve(state.stored), source: "stored" } : null;
      },
      async save(bytes) {
        state.stored = bytes;
      },
      async discard() {
        state.discarded++;
        state.stored = null;
      },
    };
    return { store, state };
  }

  it("finds, keeps and forgets a snapshot while the worker boots", async () => {
    const { store, state } = memoryStore();
    const { host } = connect({ store });
    const snapshots = host.snapshots("pyodide-314.0.7-helpers-abc");
    expect(await snapshots.find()).toBeNull();
    await snapshots.save(new Uint8Array([1, 2, 3]));
    await expect.poll(() => state.stored && [...state.stored]).toEqual([1, 2, 3]);
    const found = await snapshots.find();
    expect(found?.source).toBe("stored");
    expect([...(await found!.bytes)]).toEqual([1, 2, 3]);
    await snapshots.discard();
    await expect.poll(() => state.discarded).toBe(1);
  });

  it("keeps nothing once the worker has booted: a cell cannot plant one for the next start", async () => {
    const { store, state } = memoryStore();
    const { host, services } = connect({ store });
    state.stored = new Uint8Array([9]);
    services.booted();
    const snapshots = host.snapshots("pyodide-314.0.7-helpers-abc");
    await snapshots.save(new Uint8Array([6, 6, 6]));
    await snapshots.discard();
    expect(await snapshots.find()).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect([...state.stored]).toEqual([9]);
    expect(state.discarded).toBe(0);
  });

  it("refuses a key that is not one the worker makes", async () => {
    const { store, state } = memoryStore();
    state.stored = new Uint8Array([1]);
    const { host } = connect({ store });
    expect(await host.snapshots("../../evil").find()).toBeNull();
  });
});

describe("the page's integrity check for its kernel's packages", () => {
  it("sends the head first, then refuses a body that does not match", async () => {
    const { host, fetched } = connect({ files: { "https://cdn.example/pyodide/a.whl": "wheel" } });
    const response = await host.fetch("https://cdn.example/pyodide/a.whl", { integrity: "sha256-AAAA" });
    expect(response.headers.get("content-length")).toBe("5");
    await expect(response.arrayBuffer()).rejects.toThrow(/does not match its integrity/);
    expect(fetched[0]!.init?.integrity).toBeUndefined(); // checked by the page, after the head
  });
});

describe("the page's prefetch for its kernel", () => {
  it("fetches the files at once and answers each one's first request with that fetch", async () => {
    const channel = new MessageChannel();
    channels.push(channel);
    const fetched: string[] = [];
    const services = createHostServices(channel.port1, {
      prefixes: PREFIXES,
      snapshots: () => null,
      prefetch: [`${APP}/pyodide/pyodide.mjs`, `${APP}/library`],
      fetch: (async (input: RequestInfo | URL) => (fetched.push(String(input)), new Response("module"))) as typeof fetch,
    });
    channel.port1.onmessage = (event) => {
      if (isHostRequest(event.data)) services.handle(event.data);
    };
    const host = createPageHost(channel.port2);
    channel.port2.onmessage = (event) => {
      if (isHostReply(event.data)) host.handle(event.data);
    };
    expect(fetched).toEqual([`${APP}/pyodide/pyodide.mjs`]); // never a page outside the prefixes
    expect(await (await host.fetch(`${APP}/pyodide/pyodide.mjs`)).text()).toBe("module");
    expect(fetched).toHaveLength(1);
    await host.fetch(`${APP}/pyodide/pyodide.mjs`);
    expect(fetched).toHaveLength(2);
  });
});
