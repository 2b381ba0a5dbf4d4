/**
 * The process's shared server state, in one typed slot.
 *
 * Why on globalThis: server.ts (run by tsx) and Next's bundled server code (pages, routes) each
 * load their own copy of every module, in the same process, and must share one database client,
 * one auth instance, one set of rate-limit counters, and the collaboration rooms that server.ts
 * runs. One symbol holds all of it, typed here, instead of a registry per module.
 *
 * server.ts fills `collab`, `work` and `deadlines` at start (registerCollab, registerWork, registerDeadlines); the rest is made on first use by its owner
 * module (db/client.ts, auth/auth.ts, http/rate-limit.ts, auth/sign-in-limits.ts). Without a
 * registered collab (scripts, tests) the hooks that need the rooms do without them, and without
 * work threads heavy document work runs inline (work/run.ts).
 */
import type * as Y from "yjs";
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Auth } from "./auth/auth";
import type { DbConfig } from "./db/config";
import type { Db } from "./db/client";
import type { WorkPool } from "./work/pool";
import type { StateCache } from "./documents/state-cache";
import type { Metrics } from "./metrics";

/** What Next's side asks of the collaboration rooms that server.ts runs. */
export interface CollabHooks {
  /** Who may do what with the notebook changed: check its open connections again. */
  reauthorize(notebookId: string): Promise<void>;
  /** The notebook's comments changed: tell everyone in its room. */
  commentsChanged(notebookId: string): Promise<void>;
  /** The notebook was renamed: tell everyone in its room the new title. */
  titleChanged(notebookId: string, title: string): Promise<void>;
  /** A student's copy was handed in, taken back or returned: tell everyone in its room. */
  progressChanged(notebookId: string): Promise<void>;
  /** The session was signed out: close the connections opened under it. */
  sessionEnded(sessionId: string): Promise<void>;
  /** Applies a server-side change to the live document; false when there is no notebook. */
  change(notebookId: string, change: (doc: Y.Doc) => void): Promise<boolean>;
  /** The open room's state (waiting for a closing room to close), or null when no room is open. */
  liveState(notebookId: string): Promise<Uint8Array | null>;
}

export interface ServerContext {
  db: { db: Db; config: DbConfig } | null;
  auth: Auth | null;
  collab: CollabHooks | null;
  /** The work threads for heavy document work (work/pool.ts). */
  work: WorkPool | null;
  /** The due-date timer that locks copies on time (classroom/deadlines.ts): asked to plan again when a date changes. */
  deadlines: { replan(): void } | null;
  /** Stored states of notebooks with no open room, for the next read (documents/state-cache.ts). */
  states: StateCache | null;
  /** The Prometheus registry and metrics (metrics.ts). */
  metrics: Metrics | null;
  /** SIGTERM received: the process is draining and readiness fails (ops/readiness.ts). */
  draining: boolean;
  /** Rate limiters by name (rate-limit.ts, sign-in-limits.ts). */
  readonly limiters: Map<string, RateLimiterAbstract>;
  /** The Redis client the rate limiters share in multi-instance mode (sharedLimiter). */
  limiterRedis: Redis | null;
  /** The open class grids' listeners, by class (classroom/class-events.ts). */
  readonly classListeners: Map<string, Set<() => void>>;
  /** Multi-instance mode: tells every instance's grids that a class changed (server.ts registers it). */
  publishClassChange: ((classId: string) => Promise<void>) | null;
}

const SLOT = Symbol.for("tandem.server");
type GlobalWithContext = typeof globalThis & { [SLOT]?: ServerContext };

export function serverContext(): ServerContext {
  const store = globalThis as GlobalWithContext;
  store[SLOT] ??= { db: null, auth: null, collab: null, work: null, deadlines: null, states: null, metrics: null, draining: false, limiters: new Map(), limiterRedis: null, classListeners: new Map(), publishClassChange: null };
  return store[SLOT];
}

/**
 * The rate limiter named `name`, made on first use with these numbers. With `redisUrl` (several
 * instances, ADR 0007) the counts live in Redis, so a limit holds across instances; should Redis
 * stop answering, each process counts on its own meanwhile (an insurance limiter in memory)
 * rather than letting everything through or refusing everyone.
 */
export function sharedLimiter(name: string, points: number, duration: number, redisUrl: string | null = null): RateLimiterAbstract {
  const context = serverContext();
  let found = context.limiters.get(name);
  if (!found) {
    const memory = new RateLimiterMemory({ keyPrefix: name, points, duration });
    if (redisUrl) {
      context.limiterRedis ??= new Redis(redisUrl, { maxRetriesPerRequest: 1 });
      context.limiterRedis.on("error", () => undefined);
      found = new RateLimiterRedis({ storeClient: context.limiterRedis, keyPrefix: `tandem:limit:${name}`, points, duration, insuranceLimiter: memory });
    } else {
      found = memory;
    }
    context.limiters.set(name, found);
  }
  return found;
}

/** server.ts: the collaboration rooms are running; Next's side reaches them through these. */
export function registerCollab(hooks: CollabHooks): void {
  serverContext().collab = hooks;
}

/** server.ts: the due-date timer is running (classroom/deadlines.ts); routes ask it to plan again. */
export function registerDeadlines(deadlines: { replan(): void } | null): void {
  serverContext().deadlines = deadlines;
}

/** server.ts: a stop signal came; readiness fails from now on, so the proxy sends no new work here. */
export function markDraining(): void {
  serverContext().draining = true;
}

/** server.ts: heavy document work goes to these threads (work/run.ts). */
export function registerWork(pool: WorkPool | null): void {
  serverContext().work = pool;
}
