/**
 * bench:cluster's peer: one Hocuspocus 4 instance with its Redis extension, the setup a team would
 * otherwise pick to run several collaboration servers. In memory (no database), no auth: only what
 * the load needs. The Redis extension fans every update out to every instance that has a client of
 * the document, and each of those applies it; that is the work bench:cluster compares.
 *
 *   PORT=… REDIS_URL=… HOCUSPOCUS_PREFIX=… node --import tsx scripts/bench/cluster-hocuspocus.ts
 *
 * Prints `READY` when listening. GET /counters answers, as Tandem's cluster instance does, the
 * updates this instance applied per document, the documents it holds and its CPU time so far.
 */
import { Server } from "@hocuspocus/server";
import { Redis } from "@hocuspocus/extension-redis";

const port = Number(process.env.PORT);
const redis = new URL(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const updates: Record<string, number> = {};
let documents = 0;

const server = new Server({
  port,
  address: "127.0.0.1",
  quiet: true,
  stopOnSignals: true,
  extensions: [new Redis({ host: redis.hostname, port: Number(redis.port || 6379), prefix: process.env.HOCUSPOCUS_PREFIX ?? "hocuspocus" })],
  // Every update the document takes, from a client here or from Redis: the per-instance work.
  async afterLoadDocument({ documentName, document }) {
    documents += 1;
    document.on("update", () => void (updates[documentName] = (updates[documentName] ?? 0) + 1));
  },
  async afterUnloadDocument() {
    documents -= 1;
  },
  async onRequest({ request, response }) {
    if (request.url !== "/counters") return;
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ updates, rooms: documents, cpu: process.cpuUsage() }));
    // Hocuspocus's way of saying "answered": a rejected hook stops its default reply.
    throw null;
  },
});
await server.listen();
console.log("READY");
