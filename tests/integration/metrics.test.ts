/**
 * /metrics (lib/server/http/metrics-endpoint.ts, lib/server/metrics.ts) over real HTTP, with the
 * real collaboration endpoint and a real WebSocket client behind it: 404 unless the bearer token
 * is configured and given; Prometheus text that parses, with the process metrics (event-loop lag)
 * and Tandem's own; a room opening and closing moves the rooms and connections gauges, a relayed
 * update and a flush are counted. The socket's 101 answer carries its request id.
 */
import { createServer, type Server } from "node:http";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { WebSocket } from "ws";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { insertCell, userOrigin } from "@/lib/notebook";
import { createCollabEndpoint, type CollabEndpoint } from "@/lib/server/collab/endpoint";
import { bearerMatches, metricsEndpoint } from "@/lib/server/http/metrics-endpoint";
import { stampRequestId } from "@/lib/server/http/request-id";
import { metrics } from "@/lib/server/metrics";
import { MemoryStorage } from "../support/memory-storage";

const TOKEN = "test-metrics-token-0123456789";
const ORIGIN = "http://localhost:3000";

/** Samples of Prometheus text format 0.0.4, by series ("name{labels}"); throws on a line that is not one. */
function parsePrometheus(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("# HELP ") || line.startsWith("# TYPE ")) continue;
    // Values as Prometheus reads them (Go's ParseFloat: NaN and Inf in any case; prom-client writes "Nan").
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (-?\d+(?:\.\d+)?(?:e[+-]?\d+)?|nan|[+-]inf)$/i.exec(line);
    if (!match) throw new Error(`Not a Prometheus sample: ${JSON.stringify(line)}`);
    const value = match[2]!.toLowerCase();
    samples.set(match[1]!, value === "nan" ? NaN : value.endsWith("inf") ? (value.startsWith("-") ? -Infinity : Infinity) : Number(value));
  }
  return samples;
}

/** A server like server.ts's: request ids, /metrics first, collaboration upgrades. */
async function startServer(token: string | null, collab: CollabEndpoint | null): Promise<{ base: string; server: Server }> {
  const serve = metricsEndpoint(token);
  const server = createServer((req, res) => {
    stampRequestId(req, res);
    if (serve(req, res)) return;
    res.writeHead(418).end();
  });
  server.on("upgrade", (req, socket, head) => {
    stampRequestId(req);
    if (collab?.matches(req)) collab.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { base: `http://127.0.0.1:${port}`, server };
}

async function scrape(base: string): Promise<Map<string, number>> {
  const response = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(response.status).toBe(200);
  return parsePrometheus(await response.text());
}

/** Scrapes until `ok` holds for the samples (the server's events are asynchronous). */
async function scrapeUntil(base: string, ok: (samples: Map<string, number>) => boolean): Promise<Map<string, number>> {
  for (;;) {
    const samples = await scrape(base);
    if (ok(samples)) return samples;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("the metrics endpoint", () => {
  it("answers 404 without a configured token, and without, or with a wrong, bearer token", async () => {
    const closed = await startServer(null, null);
    const open = await startServer(TOKEN, null);
    try {
      for (const headers of [{}, { authorization: `Bearer ${TOKEN}` }] as Record<string, string>[]) {
        expect((await fetch(`${closed.base}/metrics`, { headers })).status).toBe(404);
      }
      for (const authorization of [undefined, "Bearer", `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, TOKEN, `Bearer ${TOKEN.slice(0, -1)}`]) {
        const response = await fetch(`${open.base}/metrics`, { headers: authorization ? { authorization } : {} });
        expect(response.status, String(authorization)).toBe(404);
        expect(await response.text()).toBe("Not Found");
      }
      expect((await fetch(`${open.base}/metrics`, { method: "POST", headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
      // Other paths are not its business.
      expect((await fetch(`${open.base}/metricsx`)).status).toBe(418);
    } finally {
      closed.server.close();
      open.server.close();
    }
    expect(bearerMatches(`bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerMatches(`Bearer ${TOKEN}`, null)).toBe(false);
  });

  it("serves Prometheus text with the process metrics and Tandem's own", async () => {
    const { base, server } = await startServer(TOKEN, null);
    try {
      const response = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(response.headers.get("cache-control")).toBe("no-store");
      const samples = parsePrometheus(await response.text());
      for (const name of [
        "nodejs_eventloop_lag_seconds",
        "nodejs_eventloop_lag_p99_seconds",
        "process_resident_memory_bytes",
        "tandem_rooms_open",
        "tandem_connections_open",
        "tandem_updates_relayed_total",
      ]) {
        expect(samples.has(name), name).toBe(true);
      }
      // The histograms and labelled counters are declared even before their first event.
      const text = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
      for (const name of ["tandem_flush_duration_seconds", "tandem_flush_failures_total", "tandem_lease_moves_total", "tandem_document_reads_total"]) {
        expect(text).toContain(`# TYPE ${name} `);
      }
    } finally {
      server.close();
    }
  });

  it("is one registry per process, whichever copy of the module asks (server.ts's and Next's bundle's)", async () => {
    const first = metrics().registry;
    vi.resetModules();
    const copy = await import("@/lib/server/metrics");
    expect(copy.metrics).not.toBe(metrics);
    expect(copy.metrics().registry).toBe(first);
  });
});

describe("collaboration metrics", () => {
  let collab: CollabEndpoint;
  let base: string;
  let server: Server;
  const storage = MemoryStorage.withOneCell("nb1");

  beforeAll(async () => {
    collab = createCollabEndpoint({ allowedOrigins: [ORIGIN], storage, authorize: async () => ({ write: true }) });
    ({ base, server } = await startServer(TOKEN, collab));
  });
  afterAll(async () => {
    await collab.close();
    server.close();
  });

  it("counts a room and a connection while open, a relayed update, and the flush when the room closes", async () => {
    const before = await scrape(base);
    const at = (samples: Map<string, number>, name: string) => samples.get(name) ?? 0;
    const flushes = (samples: Map<string, number>) => at(samples, 'tandem_flush_duration_seconds_count{kind="append"}');

    // The real y-websocket client, as pages use it; its upgrade carries a proxy's request id.
    let upgradeRequestId: string | undefined;
    class ProxiedWebSocket extends WebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols, { headers: { origin: ORIGIN, "x-request-id": "proxy-id-42" } });
        this.once("upgrade", (res) => (upgradeRequestId = res.headers["x-request-id"] as string | undefined));
      }
    }
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`${base.replace(/^http/, "ws")}/collab`, "nb1", doc, {
      WebSocketPolyfill: ProxiedWebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    await new Promise<void>((resolve) => provider.once("sync", () => resolve()));
    expect(upgradeRequestId).toBe("proxy-id-42");
    await scrapeUntil(base, (s) => at(s, "tandem_rooms_open") === at(before, "tandem_rooms_open") + 1 && at(s, "tandem_connections_open") === at(before, "tandem_connections_open") + 1);

    // One edit from the client: applied and relayed by the room.
    insertCell(doc, { type: "code", source: "x = 1" }, userOrigin("test"));
    await scrapeUntil(base, (s) => at(s, "tandem_updates_relayed_total") > at(before, "tandem_updates_relayed_total"));

    provider.destroy();
    doc.destroy();
    const after = await scrapeUntil(
      base,
      (s) => at(s, "tandem_rooms_open") === at(before, "tandem_rooms_open") && at(s, "tandem_connections_open") === at(before, "tandem_connections_open"),
    );
    // The room's unload stored the update durably, and the write was timed.
    expect(flushes(after)).toBeGreaterThan(flushes(before));
    expect(storage.compactions).toBeGreaterThan(0);
    expect(at(after, 'tandem_flush_duration_seconds_count{kind="compact"}')).toBeGreaterThan(at(before, 'tandem_flush_duration_seconds_count{kind="compact"}'));
  });

  it("logs a socket's opening and closing as JSON lines under its request id, in production", async () => {
    const lines: string[] = [];
    const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    vi.stubEnv("NODE_ENV", "production");
    try {
      const ws = new WebSocket(`${base.replace(/^http/, "ws")}/collab/nb1`, { headers: { origin: ORIGIN, "x-request-id": "proxy-id-43" } });
      await new Promise<void>((resolve, reject) => {
        ws.once("open", () => resolve());
        ws.once("error", reject);
      });
      ws.close();
      const events = () => lines.filter((line) => line.startsWith("{")).map((line) => JSON.parse(line) as Record<string, unknown>).filter((e) => e.requestId === "proxy-id-43");
      while (!events().some((e) => e.msg === "socket closed")) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(events()).toEqual([
        expect.objectContaining({ level: "info", msg: "socket opened", notebookId: "nb1", write: true }),
        expect.objectContaining({ level: "info", msg: "socket closed", notebookId: "nb1", code: 1005 }),
      ]);
    } finally {
      vi.unstubAllEnvs();
      write.mockRestore();
    }
  });
});
