/**
 * Three instances on one PostgreSQL and one Redis (ADR 0007), each its own process
 * (tests/support/cluster-instance.ts: the real endpoint, rooms, leases, forwarding, access check
 * and storage), behind a small TCP round-robin front (this file), so that y-websocket clients land
 * on different instances. PostgreSQL only: several processes on one SQLite file is not a
 * deployment Tandem supports.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createServer, connect, type Server, type Socket } from "node:net";
import { Redis } from "ioredis";
import { WebSocket } from "ws";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCell, userOrigin, type CellId } from "@/lib/notebook";
import { cellSourceText, cellsMap, getCellMap } from "@/lib/notebook/schema";
import { resetAuth } from "@/lib/server/auth/auth";
import { prismaStorage } from "@/lib/server/collab/prisma-storage";
import { startCluster, type Cluster } from "@/lib/server/cluster/cluster";
import { clusterHooksForPublisher } from "../support/cluster-publisher";
import { registerCollab, serverContext } from "@/lib/server/context";
import { disconnectDb, getDb } from "@/lib/server/db/client";
import { migrateDatabase } from "@/lib/server/db/migrate";
import { createNotebook } from "@/lib/server/notebooks/create";
import { invite, removeCollaborator } from "@/lib/server/notebooks/sharing";
import { projectRoot, testBackends } from "../support/databases";
import { ROUTE_ORIGIN, signUpThroughRoute, type RoutePerson } from "../support/route-accounts";

process.env.TANDEM_AUTH_SECRET = "integration-test-secret-0123456789abcdef";
const REDIS_URL = process.env.TANDEM_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const NOTEBOOKS = 6;
const CLIENTS_PER_NOTEBOOK = 5;

interface Instance {
  port: number;
  process: ChildProcess;
  output: string[];
}

function startInstance(port: number, databaseUrl: string, prefix: string): Promise<Instance> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/cluster-instance.ts"], {
    cwd: projectRoot,
    env: { ...process.env, PORT: String(port), DATABASE_URL: databaseUrl, TANDEM_REDIS_URL: REDIS_URL, TANDEM_CLUSTER_PREFIX: prefix, TANDEM_TEST_ORIGIN: ROUTE_ORIGIN, TANDEM_WORK_THREADS: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output.push(chunk.toString());
      if (chunk.toString().includes("READY")) resolve({ port, process: child, output });
    });
    child.once("exit", (code) => reject(new Error(`instance on ${port} exited (${code}): ${output.join("")}`)));
  });
}

/** A TCP front that hands each new connection to the next instance in turn, skipping dead ones. */
function roundRobin(ports: () => number[]): Promise<{ server: Server; port: number }> {
  let next = 0;
  const server = createServer((client: Socket) => {
    const live = ports();
    const target = live[next++ % live.length]!;
    const upstream = connect(target, "127.0.0.1");
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, port: (server.address() as { port: number }).port })));
}

/** A WebSocket class for y-websocket that sends the page's Origin and a person's session cookie. */
function socketFor(cookie: string): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { origin: ROUTE_ORIGIN, cookie } });
    }
  } as typeof WebSocket;
}

interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  closes: number[];
  cell: CellId | null;
  typed: string;
}

function connectClient(url: string, notebookId: string, person: RoutePerson): Client {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url, notebookId, doc, { WebSocketPolyfill: socketFor(person.cookie) as never, params: { v: "1" }, disableBc: true, maxBackoffTime: 500 });
  const client: Client = { doc, provider, closes: [], cell: null, typed: "" };
  provider.on("connection-close", (event) => void client.closes.push(event?.code ?? 0));
  return client;
}

const synced = (client: Client) => new Promise<void>((resolve) => (client.provider.synced ? resolve() : client.provider.once("sync", () => resolve())));

/** Types `text` into the client's own cell (made on first use), one character per `everyMs`. */
async function type(client: Client, text: string, everyMs = 15): Promise<void> {
  const origin = userOrigin(`client-${client.doc.clientID}`);
  client.cell ??= insertCell(client.doc, { type: "code", source: "" }, origin);
  for (const char of text) {
    const source = cellSourceText(getCellMap(client.doc, client.cell)!);
    client.doc.transact(() => source.insert(source.length, char), origin);
    client.typed += char;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** The notebook's non-empty cell sources, sorted (a new notebook starts with one empty cell). */
const sourcesOf = (doc: Y.Doc) =>
  [...cellsMap(doc).values()]
    .map((cell) => cellSourceText(cell).toString())
    .filter((source) => source !== "")
    .sort();

/**
 * Waits until the clients agree, and hold what every writer typed (the clients themselves by
 * default); `what` says what was awaited, on failure.
 */
async function converged(clients: Client[], what: string, writers: Client[] = clients, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const agreed = () => {
    const first = JSON.stringify(sourcesOf(clients[0]!.doc));
    return clients.every((c) => JSON.stringify(sourcesOf(c.doc)) === first) && writers.every((w) => sourcesOf(clients[0]!.doc).includes(w.typed));
  };
  while (Date.now() < deadline) {
    if (agreed()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what}: not converged (connected: ${clients.map((c) => c.provider.wsconnected)}, closes: ${JSON.stringify(clients.map((c) => c.closes))}); expected ${JSON.stringify(writers.map((w) => w.typed))}, got ${JSON.stringify(clients.map((c) => sourcesOf(c.doc)))}`);
}

async function counters(instance: Instance): Promise<{ updates: Record<string, number>; appends: number; fenced: number; rooms: number; leases: number; forwarding: number }> {
  const response = await fetch(`http://127.0.0.1:${instance.port}/counters`);
  return (await response.json()) as never;
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

for (const backend of testBackends().filter((b) => b.name === "postgresql")) {
  describe("three instances on PostgreSQL and Redis", () => {
    const prefix = `test:${randomUUID()}:`;
    const instances: Instance[] = [];
    const dead = new Set<number>();
    let front: { server: Server; port: number };
    let url: string;
    let cleanup: () => Promise<void>;
    let databaseUrl: string;
    let redis: Redis;
    let publisher: Cluster;
    let owner: RoutePerson;
    let editor: RoutePerson;
    const notebooks: string[] = [];
    const clients: Client[][] = [];

    const ownerOf = async (notebookId: string): Promise<Instance> => {
      const value = await redis.get(`${prefix}room:${notebookId}`);
      const port = Number(value?.split(" ")[2]?.split(":")[1]);
      return instances.find((i) => i.port === port)!;
    };

    beforeAll(async () => {
      const made = await backend.makeConfig();
      cleanup = made.cleanup;
      await migrateDatabase(made.config);
      getDb(made.config);
      resetAuth();
      redis = new Redis(REDIS_URL);
      // This process plays the app's pages: its access changes are published to the instances.
      publisher = await startCluster({ redisUrl: REDIS_URL, address: "127.0.0.1:1", authSecret: process.env.TANDEM_AUTH_SECRET!, storage: prismaStorage(getDb()), prefix, log: () => undefined });
      registerCollab(clusterHooksForPublisher(publisher));
      owner = await signUpThroughRoute("Owner");
      editor = await signUpThroughRoute("Editor");
      for (let n = 0; n < NOTEBOOKS; n++) {
        const created = await createNotebook(getDb(), { title: `Room ${n}`, ownerId: owner.id, visibility: "private" }, { id: owner.id, email: owner.email });
        if (!created.ok) throw new Error(created.message);
        notebooks.push(created.value.id);
      }
      const base = 20_000 + Math.floor(Math.random() * 20_000);
      databaseUrl = made.config.url;
      instances.push(...(await Promise.all([0, 1, 2].map((i) => startInstance(base + i, databaseUrl, prefix)))));
      front = await roundRobin(() => instances.filter((i) => !dead.has(i.port)).map((i) => i.port));
      url = `ws://127.0.0.1:${front.port}/collab`;
    }, 120_000);

    afterAll(async () => {
      if (process.env.TANDEM_TEST_VERBOSE) for (const i of instances) console.log(`--- instance ${i.port}\n${i.output.join("")}`);
      for (const list of clients) for (const c of list) c.provider.destroy();
      for (const instance of instances) instance.process.kill("SIGKILL");
      front?.server.close();
      await publisher?.close();
      redis?.disconnect();
      serverContext().collab = null;
      resetAuth();
      await disconnectDb();
      await cleanup?.();
    });

    it("serves 30 clients in 6 notebooks, each room's updates handled by one instance", async () => {
      for (const notebookId of notebooks) clients.push(Array.from({ length: CLIENTS_PER_NOTEBOOK }, () => connectClient(url, notebookId, owner)));
      await Promise.all(clients.flat().map(synced));
      await Promise.all(clients.flat().map((c, i) => type(c, `client ${i} was here`)));
      await Promise.all(clients.map((list, n) => converged(list, `notebook ${n}`)));

      const byInstance = await Promise.all(instances.map(counters));
      for (const notebookId of notebooks) {
        const handling = byInstance.filter((c) => (c.updates[notebookId] ?? 0) > 0);
        expect(handling, `instances that took updates of ${notebookId}`).toHaveLength(1);
      }
      // The front spread the clients: some reached an instance that forwards them to the owner.
      expect(byInstance.reduce((sum, c) => sum + c.forwarding, 0)).toBeGreaterThan(0);
    }, 90_000);

    it("moves a busy room when its owner is killed (-9) mid-typing, and loses nothing", async () => {
      const busy = clients[0]!;
      const victim = await ownerOf(notebooks[0]!);
      const typing = busy.map((c, i) => type(c, ` and kept typing ${i}`, 40));
      await new Promise((resolve) => setTimeout(resolve, 300));
      const killedAt = performance.now();
      victim.process.kill("SIGKILL");
      dead.add(victim.port);
      await Promise.all(typing);
      await converged(busy, "the room after its owner died");
      const failover = performance.now() - killedAt;
      const survivor = await ownerOf(notebooks[0]!);
      expect(survivor.port).not.toBe(victim.port);
      // Stored by the new owner, not only held by the clients.
      await until(async () => {
        const stored = await prismaStorage(getDb()).load(notebooks[0]!);
        const doc = new Y.Doc();
        Y.applyUpdate(doc, stored!.snapshot);
        for (const update of stored!.updates) Y.applyUpdate(doc, update);
        return JSON.stringify(sourcesOf(doc)) === JSON.stringify(busy.map((c) => c.typed).sort());
      }, "the new owner to store every edit");
      console.log(`failover: ${Math.round(failover)} ms from kill -9 to every client converged`);
    }, 60_000);

    it("disconnects a revoked editor within a second, on whichever instance holds their socket", async () => {
      const notebookId = notebooks[1]!;
      expect((await invite(getDb(), owner.id, notebookId, { email: editor.email, role: "editor" })).ok).toBe(true);
      const guest = connectClient(url, notebookId, editor);
      clients.push([guest]);
      await synced(guest);
      const closed = new Promise<number>((resolve) => guest.provider.on("connection-close", (event) => resolve(event?.code ?? 0)));
      // The app's sharing action, on "another instance" (this process): published, applied everywhere.
      expect((await removeCollaborator(getDb(), owner.id, notebookId, editor.email)).ok).toBe(true);
      expect(await closed).toBe(4403);
    }, 30_000);

    it("drains an owner on SIGTERM: its rooms are stored and move, its clients reconnect, nothing is lost", async () => {
      const notebookId = notebooks[3]!;
      const list = clients[3]!;
      const draining = await ownerOf(notebookId);
      const typing = list.map((c, i) => type(c, ` through the deploy ${i}`, 40));
      await new Promise((resolve) => setTimeout(resolve, 200));
      const exited = new Promise<number | null>((resolve) => draining.process.once("exit", (code) => resolve(code)));
      draining.process.kill("SIGTERM");
      dead.add(draining.port);
      expect(await exited).toBe(0);
      await Promise.all(typing);
      await converged(list, "the room after its owner drained");
      expect((await ownerOf(notebookId))?.port).not.toBe(draining.port);
      // The rolling deploy brings its replacement up.
      instances.push(await startInstance(draining.port + 100, databaseUrl, prefix));
    }, 60_000);

    it("never lets a paused old owner write after the room moved (SIGSTOP, then SIGCONT)", async () => {
      const notebookId = notebooks[2]!;
      const paused = await ownerOf(notebookId);
      const live = instances.find((i) => !dead.has(i.port) && i.port !== paused.port)!;
      // One client straight to the owner, so that it holds edits not yet stored when it stops.
      const direct = connectClient(`ws://127.0.0.1:${paused.port}/collab`, notebookId, owner);
      clients.push([direct]);
      await synced(direct);
      const before = await counters(paused);
      await type(direct, "typed just before the pause", 1);
      paused.process.kill("SIGSTOP");
      // Someone arrives on another instance: it waits out the frozen owner's lease and takes the room.
      const newcomer = connectClient(`ws://127.0.0.1:${live.port}/collab`, notebookId, owner);
      clients.push([newcomer]);
      try {
        await until(async () => (await ownerOf(notebookId))?.port === live.port, "another instance to take the room", 20_000);
        await synced(newcomer);
        await type(newcomer, "typed on the new owner");
      } finally {
        paused.process.kill("SIGCONT");
      }
      // Woken up, the old owner finds its lease gone or its writes fenced: it stores nothing more
      // and sends its clients away; they reconnect and bring the unstored edit to the new owner.
      const everyone = [...clients[2]!, direct, newcomer];
      await converged(everyone, "everyone, the paused owner's clients included");
      const after = await counters(paused);
      // At most an append already on its way to the database when the process stopped.
      expect(after.appends).toBeLessThanOrEqual(before.appends + 1);
      expect((await ownerOf(notebookId))?.port).toBe(live.port);
      await until(async () => {
        const stored = await prismaStorage(getDb()).load(notebookId);
        const doc = new Y.Doc();
        Y.applyUpdate(doc, stored!.snapshot);
        for (const update of stored!.updates) Y.applyUpdate(doc, update);
        return sourcesOf(doc).includes("typed just before the pause") && sourcesOf(doc).includes("typed on the new owner");
      }, "the new owner to store the paused owner's client's edit");
    }, 90_000);
  });
}
