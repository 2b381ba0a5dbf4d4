/**
 * What bench:cluster (and the multi-instance tests) share: instances as processes, a TCP
 * round-robin front that stands in for the load balancer, and clients of either system under test
 * (Tandem's cluster instance, tests/support/cluster-instance.ts, or Hocuspocus 4 with its Redis
 * extension, cluster-hocuspocus.ts) that type into cells of their own and time what others see.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, connect, type Server, type Socket } from "node:net";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import WebSocket from "ws";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { insertCell, userOrigin, type CellId } from "../../lib/notebook";
import { cellSourceText, getCellMap } from "../../lib/notebook/schema";
import { originSocket } from "./support";

export interface Process {
  port: number;
  child: ChildProcess;
  output: string[];
}

const children = new Set<ChildProcess>();
// However the bench ends (an error included), no instance outlives it.
process.once("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});

/** Runs `script` with `env`, resolving once it prints READY on stdout. */
export function spawnReady(script: string, port: number, env: Record<string, string>): Promise<Process> {
  // BENCH_INSTANCE_ARGS: extra node flags for each instance, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const extra = (process.env.BENCH_INSTANCE_ARGS ?? "").split(/\s+/).filter(Boolean);
  // BENCH_INSTANCE_CPUS: run each instance on these CPUs only (taskset), e.g. "0" with the bench
  // itself under `taskset -c 1`, so that the load generator does not take the instance's core.
  const cpus = process.env.BENCH_INSTANCE_CPUS;
  const command = cpus ? ["taskset", "-c", cpus, process.execPath] : [process.execPath];
  const child = spawn(command[0]!, [...command.slice(1), ...extra, "--import", "tsx", script], {
    env: { ...process.env, PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  child.once("exit", () => children.delete(child));
  const output: string[] = [];
  child.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output.push(chunk.toString());
      if (chunk.toString().includes("READY")) resolve({ port, child, output });
    });
    child.once("exit", (code) => reject(new Error(`${script} on ${port} exited (${code}): ${output.join("")}`)));
  });
}

/** A TCP front that hands each new connection to the next instance in turn, skipping dead ones. */
export function roundRobin(ports: () => number[]): Promise<{ server: Server; port: number }> {
  let next = 0;
  const server = createServer((client: Socket) => {
    const live = ports();
    const target = live[next++ % live.length]!;
    const upstream = connect(target, "127.0.0.1");
    client.setNoDelay(true);
    upstream.setNoDelay(true);
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

export interface BenchClient {
  doc: Y.Doc;
  synced: Promise<void>;
  connected(): boolean;
  destroy(): void;
}

/** A Tandem client as the page makes it (lib/sync/session.ts: protocol version, default backoff). */
export function tandemClient(port: number, notebookId: string, origin: string, cookie: string): BenchClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/collab`, notebookId, doc, {
    WebSocketPolyfill: originSocket(origin, cookie),
    params: { v: "1" },
    disableBc: true,
  });
  const synced = new Promise<void>((resolve) => (provider.synced ? resolve() : provider.once("sync", () => resolve())));
  return { doc, synced, connected: () => provider.wsconnected, destroy: () => provider.destroy() };
}

/** A Hocuspocus client, one socket of its own (no multiplexing, so the front spreads them). */
export function hocuspocusClient(port: number, name: string): BenchClient {
  const doc = new Y.Doc();
  const websocketProvider = new HocuspocusProviderWebsocket({ url: `ws://127.0.0.1:${port}`, WebSocketPolyfill: WebSocket });
  const provider = new HocuspocusProvider({ websocketProvider, name, document: doc });
  provider.attach();
  const synced = new Promise<void>((resolve) => (provider.isSynced ? resolve() : provider.on("synced", () => resolve())));
  return {
    doc,
    synced,
    connected: () => websocketProvider.status === "connected",
    destroy: () => {
      provider.destroy();
      websocketProvider.destroy();
    },
  };
}

/**
 * A writer's cell and the keystrokes typed into it: `sentAt[i]` is when character i was typed.
 * Every client in the process shares one clock, so latency is simply the observer's now minus it.
 */
export interface Writer {
  client: BenchClient;
  cell: CellId;
  sentAt: number[];
}

export function makeWriter(client: BenchClient): Writer {
  const cell = insertCell(client.doc, { type: "code", source: "" }, userOrigin(`writer-${client.doc.clientID}`));
  return { client, cell, sentAt: [] };
}

export function typeOne(writer: Writer): void {
  const source = cellSourceText(getCellMap(writer.client.doc, writer.cell)!);
  writer.sentAt.push(performance.now());
  writer.client.doc.transact(() => source.insert(source.length, "x"), userOrigin(`writer-${writer.client.doc.clientID}`));
}

/** Types `count` keystrokes at `hz`, from a random phase so that many writers do not beat together. */
export async function typeAt(writer: Writer, count: number, hz: number, stop: () => boolean = () => false): Promise<void> {
  await sleep(Math.random() * (1000 / hz));
  const start = performance.now();
  for (let i = 0; i < count && !stop(); i++) {
    typeOne(writer);
    const due = start + ((i + 1) * 1000) / hz;
    await sleep(Math.max(0, due - performance.now()));
  }
}

/**
 * Once `reader` has the writer's cell, records each keystroke's latency as it arrives (into
 * `samples`, and the latest arrival per keystroke into `last`, for "every reader shows it").
 */
export async function observe(reader: BenchClient, writer: Writer, samples: number[], last?: number[]): Promise<() => void> {
  while (!getCellMap(reader.doc, writer.cell)) await sleep(10);
  const text = cellSourceText(getCellMap(reader.doc, writer.cell)!);
  let seen = text.length;
  const listener = () => {
    const now = performance.now();
    for (; seen < text.length; seen++) {
      const latency = now - writer.sentAt[seen]!;
      samples.push(latency);
      if (last) last[seen] = Math.max(last[seen] ?? 0, latency);
    }
  };
  text.observe(listener);
  return () => text.unobserve(listener);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000, everyMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(everyMs);
  }
  throw new Error(`timed out waiting for ${what}`);
}

export interface Counters {
  updates: Record<string, number>;
  rooms: number;
  /** Leases the instance holds (Tandem only). */
  leases?: number;
  forwarding?: number;
  cpu: { user: number; system: number };
  /** The event loop's delay and the garbage collector's pauses since the previous read, ms (Tandem only). */
  delay?: { p99: number; max: number; gc: { count: number; ms: number; maxMs: number } };
}

export async function countersOf(port: number): Promise<Counters> {
  return (await (await fetch(`http://127.0.0.1:${port}/counters`)).json()) as Counters;
}

/** CPU milliseconds between two readings of an instance's counters. */
export const cpuMs = (before: Counters, after: Counters) => (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1000;
