/**
 * Liveness and readiness, the two questions a process manager or load balancer asks.
 *
 * Liveness (/api/health) is "does the process answer at all": no database, nothing that a
 * database outage could make fail, since restarting the process would not bring the database back.
 * Readiness (/api/ready) is "should traffic come here now": not while the process drains (a stop
 * signal came: server.ts), not while the database is unreachable, and, in the multi-instance mode
 * (TANDEM_REDIS_URL), not while Redis is. Each check is bounded by a short deadline, so a check
 * that hangs reads as a failure, not as a hung probe.
 *
 * The answer names each check and how it went, in words ("ok", "draining", "unreachable",
 * "timeout", "refused", "off", "skipped"), never an error message: the endpoint is open to anyone who can reach it, and
 * a driver's message can name hosts and users.
 */
import { serverContext } from "../context";
import { getDb } from "../db/client";
import { settings } from "../env";
import { pingRedis } from "./redis-ping";

export type CheckName = "process" | "database" | "redis";
/** "off": not configured (Redis without TANDEM_REDIS_URL); "skipped": not asked (draining). */
export type CheckState = "ok" | "draining" | "unreachable" | "timeout" | "refused" | "off" | "skipped";

export interface Readiness {
  readonly ok: boolean;
  /** The checks that failed, in order. */
  readonly failed: readonly CheckName[];
  readonly checks: Readonly<Record<CheckName, CheckState>>;
}

export interface ReadinessInputs {
  readonly draining: boolean;
  /** One trivial query; rejects when the database cannot answer. */
  readonly queryDatabase: () => Promise<unknown>;
  /** Redis URL, null when not configured (the single-process mode). */
  readonly redisUrl: string | null;
  /** Each check's deadline (CHECK_TIMEOUT_MS by default). */
  readonly timeoutMs?: number;
}

/**
 * How long each check may take (they run at once). Under a probe's usual 3 s timeout (compose.yaml),
 * and long enough for a PostgreSQL pool to open its first connection on a busy machine.
 */
export const CHECK_TIMEOUT_MS = 2_000;

const TIMED_OUT = Symbol("timeout");

async function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), ms)));
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function databaseState(query: () => Promise<unknown>, ms: number): Promise<CheckState> {
  try {
    return (await within(query(), ms)) === TIMED_OUT ? "timeout" : "ok";
  } catch {
    return "unreachable";
  }
}

async function redisState(url: string | null, ms: number): Promise<CheckState> {
  if (url === null) return "off";
  return (await pingRedis(url, ms)) ?? "ok";
}

/**
 * Runs the checks. While draining, nothing else is asked ("skipped"): the answer is no either
 * way, and a draining process should not start new work.
 */
export async function checkReadiness(inputs: ReadinessInputs): Promise<Readiness> {
  const ms = inputs.timeoutMs ?? CHECK_TIMEOUT_MS;
  let checks: Record<CheckName, CheckState>;
  if (inputs.draining) {
    checks = { process: "draining", database: "skipped", redis: "skipped" };
  } else {
    const [database, redis] = await Promise.all([databaseState(inputs.queryDatabase, ms), redisState(inputs.redisUrl, ms)]);
    checks = { process: "ok", database, redis };
  }
  const failed = (Object.keys(checks) as CheckName[]).filter((name) => checks[name] === "draining" || checks[name] === "unreachable" || checks[name] === "timeout" || checks[name] === "refused");
  return { ok: failed.length === 0, failed, checks };
}

/** This process's readiness: its draining flag, its database client, its Redis setting. */
export function readiness(): Promise<Readiness> {
  return checkReadiness({
    draining: serverContext().draining,
    queryDatabase: () => getDb().$queryRaw`SELECT 1`,
    redisUrl: settings().redisUrl,
  });
}
