/**
 * Tandem's one process: the Next.js app and the real-time collaboration endpoint (WebSocket
 * upgrades on /collab/<notebookId>) share one HTTP server and one port. Why one process rather
 * than a second one behind the same port: the collaboration rooms hold the live notebooks, and
 * pages, exports and forks must read those live documents, not a copy from the database; in one
 * process they share memory and one database client, with nothing to proxy (docs/adr/0001).
 *
 * Start-up: migrate the database, replay the spool, load the seed notebooks, prepare Next, listen.
 * Ctrl-C / SIGTERM: stop accepting, close collaboration connections (flushing their rooms; what the
 * database refuses goes to data/spool/, replayed at the next start), close Next, close the
 * database, exit 0. A second signal exits at once.
 *
 *   node --import tsx server.ts          production (after `next build`; `npm start` does both)
 *   node --import tsx server.ts --dev    development with hot reload (`npm run dev`)
 */
import { createServer } from "node:http";
import next from "next";
import { prepareData, BootError } from "./lib/server/boot";
import { createCollabEndpoint } from "./lib/server/collab/endpoint";
import { markDraining, registerCollab, registerDeadlines, registerWork, serverContext } from "./lib/server/context";
import { startDeadlines } from "./lib/server/classroom/deadlines";
import { accessChanged, progressChanged } from "./lib/server/collab/notebook-events";
import { authorizeConnection } from "./lib/server/collab/load";
import { authSecret } from "./lib/server/auth/secret";
import { startCluster } from "./lib/server/cluster/cluster";
import { applyClusterEvent, clusterHooks } from "./lib/server/cluster/hooks";
import { keepAutoVersion } from "./lib/server/notebooks/versions";
import { purgeTrash } from "./lib/server/notebooks/library";
import { prismaStorage } from "./lib/server/collab/prisma-storage";
import { spoolDirOf, writeSpool } from "./lib/server/collab/spool";
import { startSqliteCheckpointer } from "./lib/server/db/checkpointer";
import { disconnectDb, getDb, getDbConfig } from "./lib/server/db/client";
import { dbConfigFromEnv } from "./lib/server/db/config";
import { settings } from "./lib/server/env";
import { bodyRefusal } from "./lib/server/http/body-limit";
import { clientAddress, stampClientIp } from "./lib/server/http/client-ip";
import { packageSourceOrigin, stampPagePolicy } from "./lib/server/http/csp";
import { stampEmbedderPolicy } from "./lib/server/http/embedder-policy";
import { kernelAssets } from "./lib/server/http/kernel-assets";
import { metricsEndpoint } from "./lib/server/http/metrics-endpoint";
import { kernelFrame, outputFrame } from "./lib/server/http/output-frame";
import { createRenderGate } from "./lib/server/http/render-gate";
import { stampRequestId } from "./lib/server/http/request-id";
import { logRequest } from "./lib/server/http/request-log";
import { prepareKernelAssets, watchKernelWorker } from "./lib/server/kernel/assets";
import { log, structured } from "./lib/server/log";
import { leaseMoved, metrics } from "./lib/server/metrics";
import { copyVizLibraries } from "./lib/server/output/viz-libraries";
import { createWorkPool } from "./lib/server/work/pool";

const dev = process.argv.includes("--dev");

async function main(): Promise<void> {
  // A self-hosted app phones nobody unless its operator opts in.
  process.env.NEXT_TELEMETRY_DISABLED ??= "1";
  // Every setting is parsed here, first: a bad value stops start-up with a message (env.ts).
  const env = (() => {
    try {
      return settings();
    } catch (error) {
      throw new BootError(error instanceof Error ? error.message : String(error), { cause: error });
    }
  })();
  const started = performance.now();
  // Process metrics (event-loop lag among them) are sampled from now on (metrics.ts).
  metrics();
  await prepareData({ root: process.cwd(), log: (line) => log.info(line) });

  // The Python worker and Pyodide's files (public/kernel, public/pyodide). In production the build
  // step (scripts/build-if-needed.ts, run by `npm start`) has written them already; in dev they are
  // written here and the worker is rebuilt on change.
  if (dev) prepareKernelAssets(process.cwd());
  // The chart libraries output frames load (public/viz: lib/server/output/viz-libraries.ts), likewise.
  if (dev) copyVizLibraries(process.cwd());
  const stopKernelWatch = dev ? await watchKernelWorker(process.cwd()) : null;

  // Imports, exports and large documents are parsed and encoded on these threads, so that one
  // big notebook never stalls the keystrokes relayed for everyone else (lib/server/work/).
  const work = env.workThreads > 0 ? createWorkPool(env.workThreads) : null;
  registerWork(work);
  // With threads to spare, SQLite's log is checkpointed on one too, not inside a commit on the
  // event loop (lib/server/db/checkpointer.ts).
  const dbConfig = getDbConfig() ?? dbConfigFromEnv();
  const checkpointer = work && dbConfig.provider === "sqlite" ? await startSqliteCheckpointer(getDb(dbConfig), dbConfig) : null;

  const app = next({ dev, hostname: env.host, port: env.port, dir: process.cwd() });
  await app.prepare();
  const handleRequest = app.getRequestHandler();
  const handleNextUpgrade = app.getUpgradeHandler();
  // Several instances share the rooms through Redis when it is configured (ADR 0007).
  const cluster = env.redisUrl
    ? await startCluster({ redisUrl: env.redisUrl, address: env.instanceAddress, authSecret: authSecret(), storage: prismaStorage(getDb()), onLeaseMove: leaseMoved })
    : null;
  const collab = createCollabEndpoint({
    allowedOrigins: env.allowedOrigins,
    // A room that goes idle after a change keeps an automatic version (notebooks/versions.ts).
    storage: { ...prismaStorage(getDb()), idle: async (id, doc) => void (await keepAutoVersion(getDb(), id, doc)) },
    authorize: authorizeConnection,
    addressOf: (req) => clientAddress(req.headers["x-forwarded-for"], req.socket.remoteAddress, env.trustedProxies),
    socketsPerAddress: env.limits.socketsPerAddress,
    // What storage cannot take at shutdown; prepareData replays it at the next start.
    spool: (notebookId, update) => writeSpool(spoolDirOf(process.cwd()), notebookId, update),
    ...(cluster ? { cluster: { ownership: cluster.ownership, forwardKey: cluster.forwardKey } } : {}),
  });

  cluster?.listen((event) => applyClusterEvent(collab, event));
  // A class's open grids, on every instance, hear of its changes (classroom/class-events.ts).
  if (cluster) serverContext().publishClassChange = (classId) => cluster.publish({ type: "class", classId });
  registerCollab(
    cluster
      ? clusterHooks(cluster, collab)
      : {
          reauthorize: (notebookId) => collab.reauthorize(notebookId),
          commentsChanged: (notebookId) => collab.commentsChanged(notebookId),
          titleChanged: (notebookId, title) => collab.titleChanged(notebookId, title),
          progressChanged: (notebookId) => collab.progressChanged(notebookId),
          sessionEnded: async (sessionId) => collab.closeSession(sessionId),
          change: (notebookId, change) => collab.rooms.change(notebookId, change),
          liveState: (notebookId) => collab.rooms.liveState(notebookId),
        },
  );

  // Copies that lock at their due date: open connections turn read-only on time (ADR 0006).
  const deadlines = startDeadlines({
    db: () => getDb(),
    // The student's connections close (4403) and their page reloads read-only; a teacher's page
    // on the copy shows the lock on its bar.
    lock: async (notebookIds) => {
      for (const id of notebookIds) {
        await accessChanged(id);
        await progressChanged(id);
      }
    },
  });
  registerDeadlines(deadlines);

  const serveKernelAsset = kernelAssets(process.cwd());
  const serveOutputFrame = outputFrame(env.embedFrameAncestors);
  const serveKernelFrame = kernelFrame(env.embedFrameAncestors);
  const renderGate = createRenderGate(env.renderConcurrency);
  // Pages fetch Python's packages for their kernel (lib/kernel/host-services.ts): their policy names the source.
  const packageOrigin = packageSourceOrigin(env.pyodidePackageUrl);
  const serveMetrics = metricsEndpoint(env.metricsToken);
  const server = createServer((req, res) => {
    // Every request gets an id, the proxy's or a new one, echoed on the response (http/request-id.ts).
    const requestId = stampRequestId(req, res);
    // In production, one line per request when it ends (http/request-log.ts).
    if (structured()) logRequest(log, req, res, requestId);
    if (serveMetrics(req, res)) return;
    if (serveKernelAsset(req, res) || serveOutputFrame(req, res) || serveKernelFrame(req, res)) return;
    stampClientIp(req, env.trustedProxies);
    // Bodies are limited here, before anything reads them (http/body-limit.ts).
    const refusal = bodyRefusal(req, env.limits);
    if (refusal) {
      res.writeHead(refusal.status, { "content-type": "application/json", "cache-control": "no-store", connection: "close" });
      res.end(JSON.stringify({ code: refusal.code, message: refusal.message }));
      return;
    }
    // A fresh script nonce per request, which Next puts on its scripts (csp.ts). Which sites may
    // frame an embed is configuration, read at start (env.ts), so it is set here too.
    const frameAncestors = req.url?.startsWith("/embed/") ? env.embedFrameAncestors : "'none'";
    stampPagePolicy(req, res, { frameAncestors, socketOrigins: env.allowedOrigins, packageOrigin, dev });
    // credentialless where the browser knows it (images from any site), else require-corp.
    stampEmbedderPolicy(req, res);
    // A few page renders at a time, so that a burst of them never stalls the relay (render-gate.ts).
    renderGate.enter(req, res, () => {
      handleRequest(req, res).catch((error: unknown) => {
        log.error("Request failed", { requestId }, error);
        if (!res.headersSent) res.writeHead(500).end("Internal Server Error");
      });
    });
  });
  server.on("upgrade", (req, socket, head) => {
    stampRequestId(req);
    if (collab.matches(req)) {
      collab.handleUpgrade(req, socket, head);
    } else {
      // Next's own upgrades: the dev server's hot-reload socket.
      handleNextUpgrade(req, socket, head).catch(() => socket.destroy());
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(env.port, env.host, resolve);
  });
  // The trash keeps a notebook for 30 days; start-up purges too (lib/server/boot.ts).
  const purge = setInterval(() => void purgeTrash(getDb()).catch((e: unknown) => log.error("Purging the trash failed", {}, e)), 24 * 60 * 60 * 1000);
  purge.unref();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      log.warn(`${signal} again: exiting now.`);
      process.exit(1);
    }
    stopping = true;
    // Readiness fails from here on (/api/ready), so a load balancer sends nothing new.
    markDraining();
    // …and no instance places a new room here (leases.ts).
    void cluster?.withdraw();
    log.info(`${signal}: shutting down…`);
    const force = setTimeout(() => {
      log.error("Shutdown took longer than 10 s; exiting.");
      process.exit(1);
    }, 10_000);
    force.unref();
    server.close();
    deadlines.stop();
    // Rooms are stored before their leases go, so the next owner loads everything.
    await collab.close();
    await cluster?.close();
    server.closeAllConnections();
    await work?.close();
    await checkpointer?.close();
    await app.close().catch(() => undefined);
    await stopKernelWatch?.();
    await disconnectDb();
    clearTimeout(force);
    log.info("Stopped cleanly.");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));

  // Only now say so: whoever waits for this line may signal at once (stdout to a pipe is written
  // synchronously on Linux), and a signal with no listener yet would kill the process uncleanly.
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  log.info(`Tandem is ready on ${env.publicOrigin} (${dev ? "development" : "production"}, ${seconds} s)`);
}

main().catch((error: unknown) => {
  if (error instanceof BootError) {
    log.error(`Tandem could not start: ${error.message}`);
  } else {
    log.error("Tandem could not start", {}, error);
  }
  process.exit(1);
});
