/**
 * Per-address rate limits for actions anyone can take without an account (creating notebooks).
 * In memory, per process: enough for one server; a multi-process deployment would move these to
 * Redis with rate-limiter-flexible's RateLimiterRedis, same API.
 */
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

const LIMITERS = Symbol.for("tandem.rateLimiters");
type Store = typeof globalThis & { [LIMITERS]?: Map<string, RateLimiterMemory> };

function limiter(name: string, points: number, durationSeconds: number): RateLimiterMemory {
  const store = globalThis as Store;
  store[LIMITERS] ??= new Map();
  let found = store[LIMITERS].get(name);
  if (!found) {
    found = new RateLimiterMemory({ keyPrefix: name, points, duration: durationSeconds });
    store[LIMITERS].set(name, found);
  }
  return found;
}

/** Consumes one point for `key`; returns the seconds to wait when over the limit, else null. */
export async function overLimit(name: string, key: string, points: number, durationSeconds: number): Promise<number | null> {
  try {
    await limiter(name, points, durationSeconds).consume(key);
    return null;
  } catch (error) {
    if (error instanceof RateLimiterRes) return Math.ceil(error.msBeforeNext / 1000);
    throw error;
  }
}

/**
 * The limit on new notebooks per address (made, copied or imported): a 429 with Retry-After when
 * this request is over it, else null. TANDEM_NOTEBOOK_CREATE_LIMIT per 10 minutes, default 30.
 */
export async function notebookCreationRefusal(address: string): Promise<Response | null> {
  const perTenMinutes = Number(process.env.TANDEM_NOTEBOOK_CREATE_LIMIT ?? 30);
  const wait = await overLimit("create-notebook", address, perTenMinutes, 600);
  if (wait === null) return null;
  return Response.json(
    { code: "rate_limited", message: `Too many new notebooks from your address; try again in ${wait} s.` },
    { status: 429, headers: { "Retry-After": String(wait) } },
  );
}
