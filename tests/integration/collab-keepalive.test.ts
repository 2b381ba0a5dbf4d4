/**
 * A server that froze (a paused VM, a stopped process) keeps its sockets open and never closes
 * them. The endpoint sends MESSAGE_KEEPALIVE on a connection it has been quiet on, and the
 * browser's session opens a connection again when it has heard nothing for its silence limit,
 * instead of y-websocket's own 30 s. Both sides real: the collaboration endpoint on a memory
 * store, the page's session under Node, and between them a TCP front that can freeze (stop
 * passing bytes on the connections it holds) and stall (accept new ones and never answer).
 * The other way round, the server pings every socket and closes one that stopped answering.
 */
import { createServer, type Server } from "node:http";
import { connect, createServer as createTcpServer, type Server as TcpServer, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import * as Y from "yjs";
import { WebSocket } from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLOSE, COLLAB_PROTOCOL_VERSION, MESSAGE_KEEPALIVE } from "@/lib/protocol/collab";
import { createCollabEndpoint, type CollabEndpoint, type CollabEndpointOptions } from "@/lib/server/collab/endpoint";
import { createNotebookSession } from "@/lib/sync/session";
import { MemoryStorage } from "../support/memory-storage";

const ORIGIN = "http://localhost:3000";
const KEEPALIVE_MS = 200;

/** A TCP front to `port` that, frozen, stops passing bytes on the connections it holds (without closing them). */
function freezableFront(port: number): Promise<{ server: TcpServer; port: number; connections: number; freeze(): void; stall(on: boolean): void }> {
  const held: Array<{ client: Socket; upstream: Socket }> = [];
  let connections = 0;
  let stalled = false;
  const server = createTcpServer((client) => {
    connections += 1;
    // Stalled: the connection is accepted and never answered.
    if (stalled) return void client.on("error", () => undefined);
    const upstream = connect(port, "127.0.0.1");
    client.pipe(upstream).pipe(client);
    const end = () => (client.destroy(), upstream.destroy());
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
    held.push({ client, upstream });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        server,
        port: (server.address() as AddressInfo).port,
        get connections() {
          return connections;
        },
        stall(on: boolean) {
          stalled = on;
        },
        freeze() {
          for (const { client, upstream } of held.splice(0)) {
            client.unpipe(upstream);
            upstream.unpipe(client);
            client.pause();
            upstream.pause();
          }
        },
      }),
    ),
  );
}

class OriginSocket extends WebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols, { headers: { origin: ORIGIN } });
  }
}

/** The collaboration endpoint on a memory store with one notebook, "nb1", behind a plain HTTP server. */
async function startEndpoint(options: Partial<CollabEndpointOptions>): Promise<{ collab: CollabEndpoint; server: Server; port: number }> {
  const collab = createCollabEndpoint({ allowedOrigins: [ORIGIN], storage: MemoryStorage.withOneCell("nb1"), authorize: async () => ({ write: true }), ...options });
  const server = createServer((_req, res) => res.writeHead(404).end());
  server.on("upgrade", (req, socket, head) => collab.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { collab, server, port: (server.address() as AddressInfo).port };
}

describe("keepalive and the silence limit", () => {
  let collab: CollabEndpoint;
  let server: Server;
  let port: number;

  beforeAll(async () => {
    ({ collab, server, port } = await startEndpoint({ keepaliveMs: KEEPALIVE_MS }));
  });
  afterAll(async () => {
    await collab.close();
    server.close();
  });

  it("sends a keepalive on a connection it has been quiet on, and only then", async () => {
    const ws = new OriginSocket(`ws://127.0.0.1:${port}/collab/nb1?v=${COLLAB_PROTOCOL_VERSION}`);
    const arrivals: Array<{ type: number; at: number }> = [];
    ws.on("message", (data: Buffer) => arrivals.push({ type: data[0]!, at: performance.now() }));
    await new Promise((resolve) => ws.once("open", resolve));
    await new Promise((resolve) => setTimeout(resolve, KEEPALIVE_MS * 4));
    ws.close();
    const keepalives = arrivals.filter((a) => a.type === MESSAGE_KEEPALIVE);
    expect(keepalives.length).toBeGreaterThanOrEqual(2);
    // Never two messages closer than the keepalive period when the second is a keepalive.
    for (let i = 1; i < arrivals.length; i++) {
      if (arrivals[i]!.type === MESSAGE_KEEPALIVE) expect(arrivals[i]!.at - arrivals[i - 1]!.at).toBeGreaterThan(KEEPALIVE_MS * 0.8);
    }
  });

  it("a page whose server stops answering opens a new connection after its silence limit", async () => {
    const front = await freezableFront(port);
    const session = createNotebookSession({
      notebookId: "nb1",
      initialState: Y.encodeStateAsUpdate(new Y.Doc()),
      user: { name: "Ada", color: "#2b8a3e" },
      serverUrl: `ws://127.0.0.1:${front.port}/collab`,
      persist: false,
      WebSocketPolyfill: OriginSocket as unknown as typeof globalThis.WebSocket,
      silenceLimitMs: 800,
    });
    try {
      const connected = () => session.status.get().state === "connected";
      const until = async (check: () => boolean, what: string, ms: number) => {
        const deadline = Date.now() + ms;
        while (!check()) {
          if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      };
      await until(connected, "the first connection", 5_000);
      // Kept alive while the server answers: no second connection.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(front.connections).toBe(1);
      front.freeze();
      const frozenAt = Date.now();
      await until(() => front.connections === 2, "a new connection", 5_000);
      const waited = Date.now() - frozenAt;
      // The limit counts from the last message, at most a keepalive period and a half before the freeze.
      expect(waited).toBeGreaterThanOrEqual(800 - KEEPALIVE_MS * 1.5);
      expect(waited).toBeLessThan(3_000);
      await until(connected, "the session to be connected again", 5_000);

      // Frozen again, and new connections reach a server that never answers (its kernel accepts
      // them): each try is given up after the silence limit too, until one goes through.
      front.freeze();
      front.stall(true);
      await until(() => front.connections >= 4, "two more tries", 6_000);
      front.stall(false);
      await until(connected, "the session to be connected after the stall", 8_000);
    } finally {
      session.dispose();
      front.server.close();
    }
  });
});

describe("pings", () => {
  const PING_MS = 200;
  let collab: CollabEndpoint;
  let server: Server;
  let port: number;

  beforeAll(async () => {
    ({ collab, server, port } = await startEndpoint({ pingIntervalMs: PING_MS }));
  });
  afterAll(async () => {
    await collab.close();
    server.close();
  });

  it("closes a connection that stopped answering pings, and keeps one that answers", async () => {
    const url = `ws://127.0.0.1:${port}/collab/nb1?v=${COLLAB_PROTOCOL_VERSION}`;
    const answering = new WebSocket(url, { headers: { origin: ORIGIN } });
    const silent = new WebSocket(url, { headers: { origin: ORIGIN }, autoPong: false });
    let pings = 0;
    answering.on("ping", () => (pings += 1));
    const silentClosed = new Promise<number>((resolve) => silent.once("close", (code) => resolve(code)));
    await Promise.all([answering, silent].map((ws) => new Promise((resolve) => ws.once("open", resolve))));
    // Unanswered once, it is closed at the next ping: within two periods and a tick.
    expect(await silentClosed).toBe(CLOSE.timeout);
    await new Promise((resolve) => setTimeout(resolve, PING_MS * 3));
    expect(answering.readyState).toBe(WebSocket.OPEN);
    expect(pings).toBeGreaterThanOrEqual(3);
    answering.close();
  });
});
