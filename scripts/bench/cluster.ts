/**
 * `npm run bench:cluster`: Tandem as several instances on one PostgreSQL and one Redis (ADR 0007),
 * each a process (tests/support/cluster-instance.ts: the real endpoint, rooms, leases, forwarding,
 * access check by session, storage on PostgreSQL), clients reaching them through a TCP round-robin
 * front; and the peer a team would otherwise pick, Hocuspocus 4 with its Redis extension
 * (cluster-hocuspocus.ts), under the same load through the same front. Four measurements:
 *
 * 1. pair: keystroke latency for a writer and a reader on the same instance against on different
 *    instances (one hop forwarded for Tandem, one Redis hop for Hocuspocus), 100 more readers in
 *    the room spread over three instances.
 * 2. load: 6 notebooks, 5 clients each (3 writing at 10/s) on 1 and on 3 instances: updates each
 *    instance applied, rooms handled by more than one instance, CPU per instance, keystroke p99.
 * 3. failover: kill -9 the owner of a busy room; time until every client holds every keystroke.
 * 4. sockets: one instance, rooms of 10 sockets (2 writers at 2 edits/s), ramped until keystroke
 *    p99 passes 50 ms or the load generator (this process, on the same two cores) saturates.
 *
 * Needs PostgreSQL (TEST_DATABASE_URL, default the local one; a fresh schema, dropped afterwards)
 * and Redis (TANDEM_TEST_REDIS_URL; keys under a fresh prefix, removed afterwards). All clients
 * live in this process and share one clock. BENCH_PHASES picks phases (pair,load,failover,sockets);
 * the other BENCH_* variables below shrink a run while developing.
 */
import { randomBytes } from "node:crypto";
import { cpus, loadavg } from "node:os";
import type { Server } from "node:net";
import { Redis } from "ioredis";
import { cellSourceText, getCellMap } from "../../lib/notebook/schema";
import { getAuth } from "../../lib/server/auth/auth";
import { disconnectDb, getDb } from "../../lib/server/db/client";
import { migrateDatabase } from "../../lib/server/db/migrate";
import { createNotebook } from "../../lib/server/notebooks/create";
import {
  countersOf,
  cpuMs,
  hocuspocusClient,
  makeWriter,
  observe,
  roundRobin,
  sleep,
  spawnReady,
  tandemClient,
  typeAt,
  waitFor,
  type BenchClient,
  type Counters,
  type Process,
  type Writer,
} from "./cluster-support";
import { lightReader, lightWriter, type LightClient, type LightWriter } from "./light-client";
import { freshPostgresSchema, percentile } from "./support";

const PHASES = (process.env.BENCH_PHASES ?? "pair,load,failover,sockets").split(",");
const READERS = Number(process.env.BENCH_READERS ?? 100);
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const LOAD_KEYSTROKES = Number(process.env.BENCH_LOAD_KEYSTROKES ?? 100);
const FAILOVERS = Number(process.env.BENCH_FAILOVERS ?? 5);
const SOCKETS = (process.env.BENCH_SOCKETS ?? "100,250,500,1000,2000,3000,4000,6000,8000,10000").split(",").map(Number);
const WINDOW_S = Number(process.env.BENCH_WINDOW_S ?? 10);

const ORIGIN = "http://localhost:3000";
const SECRET = "bench-cluster-secret-0123456789abcdef";
const REDIS_URL = process.env.TANDEM_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const PG_URL = process.env.TEST_DATABASE_URL?.trim() || "postgresql://postgres@127.0.0.1:5432/test";
const PREFIX = `bench:${randomBytes(4).toString("hex")}:`;
process.env.TANDEM_AUTH_SECRET = SECRET;
// Each provider registers a process "exit" listener; thousands of clients are expected, not a leak.
process.setMaxListeners(0);

const f = (ms: number) => (ms < 100 ? ms.toFixed(1) : ms.toFixed(0));
const sorted = (values: readonly number[]) => [...values].sort((a, b) => a - b);
const pct = (values: readonly number[]) => {
  const s = sorted(values);
  return { p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99) };
};
/** The machine's 1-minute load average: other work on these two cores shows in every figure. */
const busy = () => `load average ${loadavg()[0]!.toFixed(1)} at start`;
const log = (message: string) => console.error(`[bench:cluster] ${message}`);

// The database: a fresh schema, one person (every client uses their session), notebooks on demand.
const database = await freshPostgresSchema(PG_URL);
const config = database.config;
await migrateDatabase(config);
getDb(config);
const email = `bench-${randomBytes(4).toString("hex")}@example.com`;
const signUp = await getAuth().handler(
  new Request(`${ORIGIN}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", host: "localhost:3000", origin: ORIGIN },
    body: JSON.stringify({ name: "Bench", email, password: "a long enough password" }),
  }),
);
if (signUp.status !== 200) throw new Error(`sign-up: ${signUp.status} ${await signUp.text()}`);
const cookie = signUp.headers
  .getSetCookie()
  .map((c) => c.split(";")[0]!)
  .join("; ");
const person = await getDb().user.findUniqueOrThrow({ where: { email }, select: { id: true } });
let made = 0;
async function notebook(): Promise<string> {
  const created = await createNotebook(getDb(), { title: `Bench ${++made}`, ownerId: person.id, visibility: "private" }, { id: person.id, email });
  if (!created.ok) throw new Error(created.message);
  return created.value.id;
}
const redis = new Redis(REDIS_URL);

/** One of the two systems under test, as instances on ports and clients of a room. */
interface System {
  name: string;
  start(port: number): Promise<Process>;
  room(): Promise<string>;
  client(port: number, room: string): BenchClient;
}

const tandem: System = {
  name: "Tandem",
  start: (port) =>
    spawnReady("tests/support/cluster-instance.ts", port, {
      DATABASE_URL: config.url,
      TANDEM_REDIS_URL: REDIS_URL,
      TANDEM_CLUSTER_PREFIX: PREFIX,
      TANDEM_TEST_ORIGIN: ORIGIN,
      TANDEM_WORK_THREADS: "0",
      TANDEM_AUTH_SECRET: SECRET,
    }),
  room: notebook,
  client: (port, room) => tandemClient(port, room, ORIGIN, cookie),
};

const hocuspocus: System = {
  name: "Hocuspocus 4 + Redis",
  start: (port) => spawnReady("scripts/bench/cluster-hocuspocus.ts", port, { REDIS_URL, HOCUSPOCUS_PREFIX: `${PREFIX}hocuspocus` }),
  room: async () => `room-${randomBytes(6).toString("hex")}`,
  client: hocuspocusClient,
};

const SYSTEMS = [tandem, hocuspocus].filter((s) => (process.env.BENCH_SYSTEMS ?? "Tandem,Hocuspocus").split(",").some((name) => s.name.startsWith(name)));

/** Instances of a system on consecutive ports, and a round-robin front over the live ones. */
interface Deployment {
  instances: Process[];
  dead: Set<number>;
  front: { server: Server; port: number };
  stop(): Promise<void>;
}

// Below the kernel's ephemeral range (32768 and up), where outgoing connections take their ports.
let nextPort = 12_000 + Math.floor(Math.random() * 15_000);
async function deploy(system: System, count: number): Promise<Deployment> {
  const instances = await Promise.all(Array.from({ length: count }, () => system.start(nextPort++)));
  // Each instance opens one room first (its database and Redis connections made, its code warm), so
  // that the first rooms of a run do not all go to whichever instance happened to warm up first.
  for (const instance of instances) {
    const client = system.client(instance.port, await system.room());
    await client.synced;
    client.destroy();
  }
  // ...and stores and gives it up again, so that every instance starts the measurement serving none.
  if (system === tandem) await waitFor(async () => (await Promise.all(instances.map((i) => countersOf(i.port)))).every((c) => c.leases === 0), "the warm-up rooms to close", 30_000, 100);
  const dead = new Set<number>();
  const front = await roundRobin(() => instances.filter((i) => !dead.has(i.port)).map((i) => i.port));
  return {
    instances,
    dead,
    front,
    async stop() {
      front.server.close();
      // SIGTERM: Tandem's instances hand their rooms over and release their leases.
      await Promise.all(instances.map((i) => (i.child.exitCode === null && i.child.signalCode === null ? new Promise((r) => i.child.once("exit", r).kill("SIGTERM")) : null)));
    },
  };
}

const allSynced = (clients: BenchClient[]) => Promise.all(clients.map((c) => c.synced));
/** Connects `count` clients in batches, so that thousands do not all knock at once. */
async function connectMany(count: number, make: () => BenchClient, batch = 50): Promise<BenchClient[]> {
  const clients: BenchClient[] = [];
  while (clients.length < count) {
    const next = Array.from({ length: Math.min(batch, count - clients.length) }, make);
    await allSynced(next);
    clients.push(...next);
  }
  return clients;
}

async function ownerPort(notebookId: string): Promise<number> {
  const value = await redis.get(`${PREFIX}room:${notebookId}`);
  return Number(value?.split(" ")[2]?.split(":")[1]);
}

// 1. A pair on one instance against a pair on two, with READERS more readers spread by the front.
async function pair(system: System): Promise<string[]> {
  const deployment = await deploy(system, 3);
  const room = await system.room();
  // The pair's reader connects first, to the first instance; for Tandem it then moves to the
  // room's owner (placement may have put the room on another instance, leases.ts).
  let reader = system.client(deployment.instances[0]!.port, room);
  await reader.synced;
  let first = deployment.instances[0]!;
  if (system === tandem) {
    const owner = await ownerPort(room);
    first = deployment.instances.find((i) => i.port === owner)!;
    if (first !== deployment.instances[0]) {
      reader.destroy();
      reader = system.client(first.port, room);
      await reader.synced;
    }
  }
  const second = deployment.instances.find((i) => i !== first)!;
  const readers = await connectMany(READERS, () => system.client(deployment.front.port, room));
  const results = {
    same: { pair: [] as number[], all: [] as number[], every: [] as number[], cpu: [0, 0, 0], client: 0, seconds: 0 },
    different: { pair: [] as number[], all: [] as number[], every: [] as number[], cpu: [0, 0, 0], client: 0, seconds: 0 },
  };
  const run = async (mode: "same" | "different", keystrokes: number) => {
    // Same: the writer on the reader's instance. Different: on another, so each keystroke takes the
    // extra hop (Tandem forwards the writer's socket to the owner; Hocuspocus relays through Redis).
    const writerClient = system.client(mode === "same" ? first.port : second.port, room);
    await writerClient.synced;
    const writer: Writer = makeWriter(writerClient);
    const round = { pair: [] as number[], all: [] as number[], every: [] as number[] };
    const stops = [await observe(reader, writer, round.pair), ...(await Promise.all(readers.map((r) => observe(r, writer, round.all, round.every))))];
    await typeAt(writer, keystrokes, 50);
    await waitFor(() => round.all.length === READERS * keystrokes && round.pair.length === keystrokes, "every reader to see every keystroke");
    for (const stop of stops) stop();
    writerClient.destroy();
    return round;
  };
  // A short round of each first, unmeasured: connections, rooms and the JIT warmed up.
  await run("same", 25);
  await run("different", 25);
  for (let round = 0; round < ROUNDS * 2; round++) {
    const mode = (round % 2 === 0) === (round % 4 < 2) ? "same" : "different";
    const before = await Promise.all(deployment.instances.map((i) => countersOf(i.port)));
    const clientBefore = process.cpuUsage();
    const started = performance.now();
    const measured = await run(mode, KEYSTROKES);
    const client = process.cpuUsage(clientBefore);
    const after = await Promise.all(deployment.instances.map((i) => countersOf(i.port)));
    results[mode].seconds += (performance.now() - started) / 1000;
    results[mode].client += (client.user + client.system) / 1000;
    deployment.instances.forEach((_, i) => (results[mode].cpu[i]! += cpuMs(before[i]!, after[i]!)));
    for (const key of ["pair", "all", "every"] as const) results[mode][key].push(...measured[key]);
    log(`${system.name} pair round ${round + 1}/${ROUNDS * 2} (${mode}) done: pair p99 ${f(pct(measured.pair).p99)}, max ${f(Math.max(...measured.pair))}, all p99 ${f(pct(measured.all).p99)}`);
  }
  for (const c of [reader, ...readers]) c.destroy();
  await deployment.stop();
  return (["same", "different"] as const).map((mode) => {
    const r = results[mode];
    const p = pct(r.pair);
    const a = pct(r.all);
    const share = (ms: number) => (ms / r.seconds / 10).toFixed(0);
    return (
      `| ${system.name} | ${mode} instance | ${f(p.p50)} / ${f(p.p95)} / ${f(p.p99)} | ${f(a.p50)} / ${f(a.p95)} / ${f(a.p99)} | ${f(pct(r.every).p99)} | ` +
      `${r.cpu.map(share).join(" / ")} | ${share(r.client)} |`
    );
  });
}

// 2. The same load on 1 and on 3 instances: who applied which room's updates, and at what CPU.
async function load(system: System, count: number): Promise<string> {
  const deployment = await deploy(system, count);
  const rooms = await Promise.all(Array.from({ length: 6 }, () => system.room()));
  // Everyone arrives at once, as a class does; Tandem places each new room on the instance with
  // the fewest (leases.ts), so the rooms spread whichever instance answers first.
  const clients: BenchClient[][] = rooms.map((room) => Array.from({ length: 5 }, () => system.client(deployment.front.port, room)));
  await allSynced(clients.flat());
  const writers = clients.map((list) => list.slice(0, 3).map(makeWriter));
  const samples: number[] = [];
  const stops: (() => void)[] = [];
  for (const [n, list] of clients.entries()) for (const w of writers[n]!) for (const c of list) if (c !== w.client) stops.push(await observe(c, w, samples));
  await sleep(500);
  const before = await Promise.all(deployment.instances.map((i) => countersOf(i.port)));
  const started = performance.now();
  await Promise.all(writers.flat().map((w) => typeAt(w, LOAD_KEYSTROKES, 10)));
  // Every other client in the room (4) sees every keystroke.
  await waitFor(() => samples.length === 18 * 4 * LOAD_KEYSTROKES, "every keystroke everywhere");
  const seconds = (performance.now() - started) / 1000;
  const after = await Promise.all(deployment.instances.map((i) => countersOf(i.port)));
  for (const stop of stops) stop();
  for (const c of clients.flat()) c.destroy();
  await deployment.stop();
  const applied = (i: number, room: string) => (after[i]!.updates[room] ?? 0) - (before[i]!.updates[room] ?? 0);
  const perInstance = deployment.instances.map((_, i) => rooms.reduce((sum, room) => sum + applied(i, room), 0));
  const twice = rooms.filter((room) => deployment.instances.filter((_, i) => applied(i, room) > 0).length > 1).length;
  const cpu = deployment.instances.map((_, i) => cpuMs(before[i]!, after[i]!) / seconds / 10);
  const p = pct(samples);
  return (
    `| ${system.name} | ${count} | ${perInstance.join(" / ")} | ${perInstance.reduce((a, b) => a + b, 0)} | ${twice} of 6 | ` +
    `${cpu.map((c) => c.toFixed(1)).join(" / ")} | ${f(p.p50)} / ${f(p.p99)} |`
  );
}

// 3. kill -9 of a busy room's owner; from the kill until every client holds every keystroke.
async function failover(): Promise<number[]> {
  const deployment = await deploy(tandem, 3);
  const times: number[] = [];
  for (let round = 0; round < FAILOVERS; round++) {
    const room = await tandem.room();
    const clients = await connectMany(10, () => tandem.client(deployment.front.port, room));
    const writers = clients.slice(0, 3).map(makeWriter);
    let stopAt = Infinity;
    const typing = Promise.all(writers.map((w) => typeAt(w, 10_000, 10, () => performance.now() > stopAt)));
    await sleep(2_000);
    const owner = await ownerPort(room);
    const killed = deployment.instances.find((i) => i.port === owner);
    if (!killed) throw new Error(`no instance owns ${room}`);
    const killedAt = performance.now();
    killed.child.kill("SIGKILL");
    deployment.dead.add(killed.port);
    // The writers go on typing for a second through the outage, then stop.
    stopAt = killedAt + 1_000;
    await typing;
    const holds = (c: BenchClient) => c.connected() && writers.every((w) => cellLength(c, w) === w.sentAt.length);
    await waitFor(() => clients.every(holds), "every client to hold every keystroke", 60_000, 10);
    times.push(performance.now() - killedAt);
    log(`failover ${round + 1}/${FAILOVERS}: ${Math.round(times.at(-1)!)} ms (owner ${owner} killed, now ${await ownerPort(room)})`);
    for (const c of clients) c.destroy();
    // The killed instance comes back on its port for the next round.
    const index = deployment.instances.indexOf(killed);
    deployment.instances[index] = await tandem.start(killed.port);
    deployment.dead.delete(killed.port);
  }
  await deployment.stop();
  return times;
}

const cellLength = (client: BenchClient, writer: Writer) => {
  const cell = getCellMap(client.doc, writer.cell);
  return cell ? cellSourceText(cell).length : -1;
};

// 4. Sockets one instance holds: rooms of 10 (2 writers at 2 edits/s), ramped. The clients are
// light ones (light-client.ts): a Y.Doc per socket would make the load generator, not the
// instance, the limit long before the instance's.
async function sockets(): Promise<string[]> {
  const deployment = await deploy(tandem, 1);
  const instance = deployment.instances[0]!;
  const connection = { origin: ORIGIN, cookie };
  const rows: string[] = [];
  const rooms: { writers: LightWriter[]; clients: LightClient[] }[] = [];
  try {
    for (const target of SOCKETS) {
      const connectStarted = performance.now();
      while (rooms.length * 10 < target) {
        const batch = await Promise.all(Array.from({ length: 10 }, () => tandem.room()));
        const made = batch.map((room) => {
          const writers = [0, 1].map(() => lightWriter(instance.port, room, connection));
          const readers = Array.from({ length: 8 }, () => lightReader(instance.port, room, connection));
          return { writers, clients: [...writers, ...readers] };
        });
        await Promise.all(made.flatMap((r) => r.clients.map((c) => c.synced)));
        rooms.push(...made);
      }
      log(`sockets: ${rooms.length * 10} connected in ${Math.round((performance.now() - connectStarted) / 1000)} s`);
      const samples: number[] = [];
      for (const r of rooms) {
        const byClient = new Map(r.writers.map((w) => [w.clientId, w]));
        for (const c of r.clients) {
          c.onKeystroke = (client, clock) => {
            const sent = byClient.get(client)?.sentAt.get(clock);
            if (sent !== undefined) samples.push(performance.now() - sent);
          };
        }
      }
      await sleep(1_000);
      const before = await countersOf(instance.port);
      // BENCH_PROFILE=<dir>: a CPU profile of the instance over each step's typing window.
      if (process.env.BENCH_PROFILE) await fetch(`http://127.0.0.1:${instance.port}/profile/start`, { method: "POST" });
      const clientBefore = process.cpuUsage();
      const started = performance.now();
      const keystrokes = WINDOW_S * 2;
      await Promise.all(rooms.flatMap((r) => r.writers.map((w) => typeLight(w, keystrokes, 2))));
      if (process.env.BENCH_PROFILE) await fetch(`http://127.0.0.1:${instance.port}/profile/stop?to=${encodeURIComponent(`${process.env.BENCH_PROFILE}/sockets-${rooms.length * 10}.cpuprofile`)}`, { method: "POST" });
      const expected = rooms.length * 2 * 9 * keystrokes;
      await waitFor(() => samples.length >= expected, "every keystroke at every reader", 60_000).catch(() => log(`sockets: ${samples.length} of ${expected} samples arrived`));
      const seconds = (performance.now() - started) / 1000;
      const after: Counters = await countersOf(instance.port);
      const client = process.cpuUsage(clientBefore);
      for (const r of rooms) for (const w of r.writers) w.sentAt.clear();
      const p = pct(samples);
      const serverCpu = cpuMs(before, after) / seconds / 10;
      const clientCpu = (client.user + client.system) / 1000 / seconds / 10;
      const lost = expected - samples.length;
      const delay = after.delay ? `${f(after.delay.p99)} / ${f(after.delay.max)}` : "–";
      const gc = after.delay ? `${((after.delay.gc.ms / 1000 / seconds) * 100).toFixed(0)}% / ${f(after.delay.gc.maxMs)}` : "–";
      rows.push(`| ${rooms.length * 10} | ${rooms.length * 2} | ${f(p.p50)} / ${f(p.p95)} / ${f(p.p99)} | ${serverCpu.toFixed(0)} | ${delay} | ${gc} | ${clientCpu.toFixed(0)} | ${lost > 0 ? `${lost} late` : "none"} |`);
      log(rows.at(-1)!);
      if (p.p99 > 50) break;
      if (clientCpu > 90) {
        log("sockets: the load generator saturates its core; stopping the ramp");
        break;
      }
    }
  } finally {
    for (const r of rooms) for (const c of r.clients) c.close();
    await deployment.stop();
  }
  return rows;
}

/** Types `count` keystrokes at `hz` from a random phase, as typeAt does for full clients. */
async function typeLight(writer: LightWriter, count: number, hz: number): Promise<void> {
  await sleep(Math.random() * (1000 / hz));
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    writer.type();
    await sleep(Math.max(0, start + ((i + 1) * 1000) / hz - performance.now()));
  }
}

const out: string[] = [];
const say = (line = "") => out.push(line);
try {
  say(`bench:cluster, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores (${cpus()[0]?.model}), Node ${process.versions.node}; PostgreSQL and Redis local; load generator in the same machine`);
  if (PHASES.includes("pair")) {
    const started = busy();
    const rows: string[] = [];
    for (const system of SYSTEMS) rows.push(...(await pair(system)));
    say();
    say(`Pair latency, 3 instances, ${READERS} more readers through the front, ${ROUNDS} rounds of ${KEYSTROKES} keystrokes at 50/s per mode (ms); ${started}`);
    say();
    say("| system | writer and reader on | pair p50 / p95 / p99 | all readers p50 / p95 / p99 | every reader has it, p99 | CPU per instance (% of a core) | load generator CPU (%) |");
    say("|---|---|---|---|---|---|---|");
    for (const row of rows) say(row);
  }
  if (PHASES.includes("load")) {
    const started = busy();
    const rows: string[] = [];
    for (const system of SYSTEMS) for (const count of [1, 3]) rows.push(await load(system, count));
    say();
    say(`Same load on 1 and 3 instances: 6 rooms x 5 clients through the front, 3 writers per room at 10 keystrokes/s for ${LOAD_KEYSTROKES / 10} s; ${started}`);
    say();
    say("| system | instances | updates applied per instance | total | rooms applied on >1 instance | CPU per instance (% of a core) | keystroke p50 / p99 (ms) |");
    say("|---|---|---|---|---|---|---|");
    for (const row of rows) say(row);
  }
  if (PHASES.includes("failover")) {
    const started = busy();
    const times = sorted(await failover());
    say();
    say(`Failover, Tandem on 3 instances: kill -9 of a busy room's owner (10 clients, 3 typing at 10/s through the outage for 1 s), until every client holds every keystroke; ${FAILOVERS} times; ${started}`);
    say();
    say(`median ${Math.round(percentile(times, 50))} ms, max ${Math.round(times.at(-1)!)} ms (each: ${times.map((t) => Math.round(t)).join(", ")})`);
  }
  if (PHASES.includes("sockets")) {
    const started = busy();
    const rows = await sockets();
    say();
    say(`Sockets one Tandem instance holds: rooms of 10 (2 writers at 2 edits/s, 8 readers), ${WINDOW_S} s per step; latency over every reader's every keystroke; ${started}`);
    say();
    say("| sockets | writers | keystroke p50 / p95 / p99 (ms) | instance CPU (% of a core) | instance event-loop delay p99 / max (ms) | instance GC: share of the time / longest pause (ms) | load generator CPU (% of a core) | keystrokes not arrived in 60 s |");
    say("|---|---|---|---|---|---|---|---|");
    for (const row of rows) say(row);
  }
} finally {
  const keys = await redis.keys(`${PREFIX}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  await disconnectDb();
  await database.cleanup();
}
console.log(out.join("\n"));
process.exit(0);
