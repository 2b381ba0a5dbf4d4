/**
 * Multi-instance test fixtures (ADR 0007): instances as processes (cluster-instance.ts), a TCP
 * round-robin front that stands in for the load balancer, and y-websocket clients in Node that
 * type into cells of their own and check that everyone converged.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { WebSocket } from "ws";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { insertCell, userOrigin, type CellId } from "@/lib/notebook";
import { cellSourceText, cellsMap, getCellMap } from "@/lib/notebook/schema";
import { projectRoot } from "./databases";
import { ROUTE_ORIGIN, type RoutePerson } from "./route-accounts";

export const CLUSTER_TEST_SECRET = "integration-test-secret-0123456789abcdef";
export const REDIS_URL = process.env.TANDEM_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export interface Instance {
  port: number;
  process: ChildProcess;
  output: string[];
}

export function startInstance(port: number, databaseUrl: string, prefix: string, env: Record<string, string> = {}): Promise<Instance> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/cluster-instance.ts"], {
    cwd: projectRoot,
    env: { ...process.env, PORT: String(port), DATABASE_URL: databaseUrl, TANDEM_REDIS_URL: REDIS_URL, TANDEM_CLUSTER_PREFIX: prefix, TANDEM_TEST_ORIGIN: ROUTE_ORIGIN, TANDEM_WORK_THREADS: "0", TANDEM_AUTH_SECRET: CLUSTER_TEST_SECRET, ...env },
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

// The front bench:cluster uses too.
export { roundRobin } from "../../scripts/bench/cluster-support";

/** A WebSocket class for y-websocket that sends the page's Origin and a person's session cookie. */
export function socketFor(cookie: string): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { origin: ROUTE_ORIGIN, cookie } });
    }
  } as typeof WebSocket;
}

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  closes: number[];
  cell: CellId | null;
  typed: string;
}

export function connectClient(url: string, notebookId: string, person: RoutePerson): Client {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url, notebookId, doc, { WebSocketPolyfill: socketFor(person.cookie) as never, params: { v: "1" }, disableBc: true, maxBackoffTime: 500 });
  const client: Client = { doc, provider, closes: [], cell: null, typed: "" };
  provider.on("connection-close", (event) => void client.closes.push(event?.code ?? 0));
  return client;
}

export const synced = (client: Client) => new Promise<void>((resolve) => (client.provider.synced ? resolve() : client.provider.once("sync", () => resolve())));

/** Types `text` into the client's own cell (made on first use), one character per `everyMs`. */
export async function type(client: Client, text: string, everyMs = 15): Promise<void> {
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
export const sourcesOf = (doc: Y.Doc) =>
  [...cellsMap(doc).values()]
    .map((cell) => cellSourceText(cell).toString())
    .filter((source) => source !== "")
    .sort();

/**
 * Waits until the clients agree, and hold what every writer typed (the clients themselves by
 * default); `what` says what was awaited, on failure.
 */
export async function converged(clients: Client[], what: string, writers: Client[] = clients, timeoutMs = 30_000): Promise<void> {
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

export async function counters(instance: Instance): Promise<{ updates: Record<string, number>; appends: number; fenced: number; rooms: number; leases: number; forwarding: number }> {
  const response = await fetch(`http://127.0.0.1:${instance.port}/counters`);
  return (await response.json()) as never;
}

export async function until(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}
