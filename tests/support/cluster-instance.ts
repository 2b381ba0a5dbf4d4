/**
 * One instance of a multi-instance deployment for tests and bench:cluster (ADR 0007): the real
 * collaboration endpoint, rooms, leases, forwarding and events, with the real access check and
 * storage on the database, on a plain HTTP server (no Next: the cluster is about the rooms).
 *
 *   PORT=… DATABASE_URL=… TANDEM_REDIS_URL=… TANDEM_AUTH_SECRET=… TANDEM_CLUSTER_PREFIX=… \
 *     node --import tsx tests/support/cluster-instance.ts
 *
 * Prints `READY <instance id>` when listening. GET /counters answers what this instance did:
 * updates its rooms took per notebook, appends stored, appends refused by a fence, rooms open,
 * leases held, sockets it forwards to other instances, its CPU time so far, and since the previous
 * read its event loop's delay (p99 and max) and garbage collection (count, total and longest
 * pause), in ms (bench:cluster).
 * POST /profile/start and POST /profile/stop?to=<file> take a CPU profile of a window
 * (bench:cluster's BENCH_PROFILE), written where asked, for chrome://inspect or speedscope.
 */
import { writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { PerformanceObserver, monitorEventLoopDelay } from "node:perf_hooks";
import { Session } from "node:inspector/promises";
import { authorizeConnection } from "@/lib/server/collab/load";
import { createCollabEndpoint } from "@/lib/server/collab/endpoint";
import { prismaStorage } from "@/lib/server/collab/prisma-storage";
import { FencedError, type CollabStorage } from "@/lib/server/collab/storage";
import { startCluster } from "@/lib/server/cluster/cluster";
import { applyClusterEvent } from "@/lib/server/cluster/hooks";
import { getDb } from "@/lib/server/db/client";
import { keepAutoVersion } from "@/lib/server/notebooks/versions";

const port = Number(process.env.PORT);
const origin = process.env.TANDEM_TEST_ORIGIN ?? "http://localhost:3000";
const counters = { updates: {} as Record<string, number>, appends: 0, fenced: 0 };
const base = prismaStorage(getDb());
const storage: CollabStorage = {
  ...base,
  // As server.ts: a room that goes idle after a change keeps an automatic version.
  idle: async (id, doc) => void (await keepAutoVersion(getDb(), id, doc)),
  async append(id, updates, fence) {
    try {
      const last = await base.append(id, updates, fence);
      counters.appends += 1;
      return last;
    } catch (error) {
      if (error instanceof FencedError) counters.fenced += 1;
      throw error;
    }
  },
};
const cluster = await startCluster({
  redisUrl: process.env.TANDEM_REDIS_URL!,
  address: process.env.TANDEM_INSTANCE_ADDRESS ?? `127.0.0.1:${port}`,
  authSecret: process.env.TANDEM_AUTH_SECRET!,
  storage,
  prefix: process.env.TANDEM_CLUSTER_PREFIX ?? "tandem:",
  log: (message) => console.error(`[${port}] ${message}`),
});
const collab = createCollabEndpoint({
  allowedOrigins: [origin],
  storage,
  authorize: authorizeConnection,
  cluster: { ownership: cluster.ownership, forwardKey: cluster.forwardKey },
  roomHooks: (notebookId) => [{ onChange: () => void (counters.updates[notebookId] = (counters.updates[notebookId] ?? 0) + 1) }],
});
cluster.listen((event) => applyClusterEvent(collab, event));

const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();
const gc = { count: 0, ms: 0, maxMs: 0 };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gc.count += 1;
    gc.ms += entry.duration;
    gc.maxMs = Math.max(gc.maxMs, entry.duration);
  }
}).observe({ entryTypes: ["gc"] });

let profiler: Session | null = null;
async function profile(action: "start" | "stop", to: string | null): Promise<void> {
  if (action === "start") {
    profiler = new Session();
    profiler.connect();
    await profiler.post("Profiler.enable");
    await profiler.post("Profiler.start");
    return;
  }
  if (!profiler) return;
  const { profile: taken } = await profiler.post("Profiler.stop");
  profiler.disconnect();
  profiler = null;
  if (to) writeFileSync(to, JSON.stringify(taken));
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://instance");
  if (req.method === "POST" && (url.pathname === "/profile/start" || url.pathname === "/profile/stop")) {
    profile(url.pathname === "/profile/start" ? "start" : "stop", url.searchParams.get("to")).then(
      () => res.writeHead(204).end(),
      (error: unknown) => res.writeHead(500).end(String(error)),
    );
    return;
  }
  if (req.url === "/counters") {
    res.writeHead(200, { "content-type": "application/json" });
    const delay = { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6, gc: { ...gc } };
    loop.reset();
    Object.assign(gc, { count: 0, ms: 0, maxMs: 0 });
    return res.end(JSON.stringify({ ...counters, rooms: collab.rooms.openRooms, leases: cluster.leases.count, forwarding: collab.forwarding, cpu: process.cpuUsage(), delay }));
  }
  res.writeHead(404).end();
});
server.on("upgrade", (req, socket, head) => collab.handleUpgrade(req, socket, head));
server.listen(port, "127.0.0.1", () => console.log(`READY ${cluster.instance}`));

process.on("SIGTERM", () => {
  void (async () => {
    await cluster.withdraw();
    await collab.close();
    await cluster.close();
    server.close();
    process.exit(0);
  })();
});
