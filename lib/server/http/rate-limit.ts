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
