/**
 * `npm run bench:collab`: keystroke-to-remote-apply latency and bytes on the wire, Tandem's
 * collaboration server against the stock @y/websocket-server (the baseline), measured in the same
 * run on loopback. One writer types 50 keystrokes per second into a cell; 1, 20 and 100 readers
 * watch. Latency is from the writer's local edit to each reader's document applying it (all clients
 * live in this process, so they share one clock). Results go to stdout as a markdown table.
 *
 * A p99 over one short run is the third-worst sample and moves by milliseconds from run to run on
 * two cores, so each row pools BENCH_ROUNDS rounds (default 3), alternating which server goes
 * first, before taking percentiles.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";

const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 250);
const RATE_HZ = 50;
const READERS = (process.env.BENCH_READERS ?? "1,20,100").split(",").map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

interface Counter {
  received: number;
  sent: number;
}

function countingSocket(origin: string, counter: Counter): typeof globalThis.WebSocket {
  class Counting extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { Origin: origin } });
      this.on("message", (data: Buffer | ArrayBuffer) => (counter.received += data.byteLength));
    }
    override send(data: Buffer | Uint8Array, ...rest: unknown[]): void {
      counter.sent += data.byteLength;
      (super.send as (...a: unknown[]) => void)(data, ...rest);
    }
  }
  return Counting as unknown as typeof globalThis.WebSocket;
}

function startServer(args: string[]): Promise<{ child: ChildProcess; room: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/bench/collab-servers.ts", ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      const match = /READY (\S+)/.exec(chunk.toString());
      if (match) resolve({ child, room: match[1]! });
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(port: number, room: string, readers: number) {
  const origin = `http://127.0.0.1:${port}`;
  const url = `ws://127.0.0.1:${port}${room === "bench" ? "" : "/collab"}`;
  const writerCount: Counter = { received: 0, sent: 0 };
  const readerCount: Counter = { received: 0, sent: 0 };
  const connect = (counter: Counter) => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(url, room, doc, {
      WebSocketPolyfill: countingSocket(origin, counter),
      disableBc: true,
    });
    return { doc, provider };
  };
  const writer = connect(writerCount);
  const clients = Array.from({ length: readers }, (_, i) => connect(i === 0 ? readerCount : { received: 0, sent: 0 }));
  const all = [writer, ...clients];
  await Promise.all(all.map(({ provider }) => new Promise<void>((r) => (provider.synced ? r() : provider.once("sync", () => r())))));
  const key = `bench-${Date.now()}`;
  const text = writer.doc.getText(key);
  const sentAt: number[] = [];
  const latencies: number[] = [];
  let done = 0;
  const finished = new Promise<void>((resolve) => {
    for (const { doc } of clients) {
      let seen = 0;
      doc.getText(key).observe(() => {
        const length = doc.getText(key).length;
        const now = performance.now();
        for (; seen < length; seen++) latencies.push(now - sentAt[seen]!);
        if (length === KEYSTROKES && ++done === clients.length) resolve();
      });
    }
  });
  writerCount.sent = 0;
  readerCount.received = 0;
  for (let i = 0; i < KEYSTROKES; i++) {
    sentAt.push(performance.now());
    text.insert(i, "x");
    await new Promise((r) => setTimeout(r, 1000 / RATE_HZ));
  }
  await finished;
  for (const { provider } of all) provider.destroy();
  return { latencies, sent: writerCount.sent, received: readerCount.received };
}

type Round = Awaited<ReturnType<typeof measure>>;

/** Percentiles over every round's latencies, and bytes per keystroke averaged over the rounds. */
function summarize(rounds: Round[]) {
  const latencies = rounds.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const keys = KEYSTROKES * rounds.length;
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    sentPerKey: rounds.reduce((n, r) => n + r.sent, 0) / keys,
    receivedPerKey: rounds.reduce((n, r) => n + r.received, 0) / keys,
  };
}

// Each provider registers a process "exit" listener; 100 readers are expected, not a leak.
process.setMaxListeners(0);
const dir = mkdtempSync(join(tmpdir(), "tandem-bench-"));
const stock = await startServer(["stock", "4701"]);
const tandem = await startServer(["tandem", "4702", join(dir, "bench.db")]);
const rows: string[] = [];
try {
  for (const readers of READERS) {
    const stockRounds: Round[] = [];
    const tandemRounds: Round[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      if (round % 2 === 0) stockRounds.push(await measure(4701, stock.room, readers));
      tandemRounds.push(await measure(4702, tandem.room, readers));
      if (round % 2 === 1) stockRounds.push(await measure(4701, stock.room, readers));
    }
    const base = summarize(stockRounds);
    const ours = summarize(tandemRounds);
    const f = (n: number) => n.toFixed(1);
    rows.push(
      `| ${readers} | ${f(base.p50)} / ${f(base.p99)} | ${f(ours.p50)} / ${f(ours.p99)} | ${f(ours.p99 / base.p99)}x | ` +
        `${f(base.sentPerKey)} / ${f(base.receivedPerKey)} | ${f(ours.sentPerKey)} / ${f(ours.receivedPerKey)} |`,
    );
    console.error(`readers=${readers} done`);
  }
} finally {
  stock.child.kill();
  tandem.child.kill();
}
console.log(
  `Keystroke to remote apply, ${ROUNDS} rounds of ${KEYSTROKES} keystrokes at ${RATE_HZ}/s, loopback, ${new Date().toISOString().slice(0, 10)}`,
);
console.log("");
console.log("| readers | stock p50 / p99 (ms) | Tandem p50 / p99 (ms) | p99 ratio | stock bytes sent / received per key | Tandem bytes sent / received per key |");
console.log("|---|---|---|---|---|---|");
for (const row of rows) console.log(row);
process.exit(0);
