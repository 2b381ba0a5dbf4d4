/**
 * Rate limits for what people can do many times over: one table names each limit, its window and
 * what it counts by (an address or an account); the numbers come from the settings (env.ts), so
 * README's security section and TANDEM_*_LIMIT say the same. In memory for one process; in Redis
 * with several instances (TANDEM_REDIS_URL), so a limit holds whichever instance a request reaches.
 */
import { type RateLimiterAbstract, RateLimiterRes } from "rate-limiter-flexible";
import { sharedLimiter } from "../context";
import { settings, type Limits } from "../env";
import { rateLimited } from "./errors";

interface RateLimit {
  /** Which setting holds the points. */
  readonly points: keyof Limits;
  readonly seconds: number;
  /** What it counts by: the client's address, or the signed-in account (the address for a guest). */
  readonly by: "address" | "account";
  /** Counted for guests only: someone signed in is not held back by it. */
  readonly guestsOnly?: boolean;
  /** What the 429 says before "Try again in N s.". */
  readonly message: string;
}

export const RATE_LIMITS = {
  notebookCreate: { points: "notebookCreate", seconds: 600, by: "address", message: "Too many new notebooks from your address." },
  classJoin: { points: "classJoin", seconds: 600, by: "address", message: "Too many tries at a join code." },
  classCreate: { points: "classCreate", seconds: 3600, by: "account", message: "Too many new classes." },
  versionSave: { points: "versionSave", seconds: 600, by: "account", message: "Too many saved versions." },
  guestComment: { points: "guestComment", seconds: 600, by: "address", guestsOnly: true, message: "Too many guest comments from your address." },
} as const satisfies Record<string, RateLimit>;

export type RateLimitName = keyof typeof RATE_LIMITS;

function limiter(name: RateLimitName): RateLimiterAbstract {
  const { points, seconds } = RATE_LIMITS[name];
  return sharedLimiter(name, settings().limits[points], seconds, settings().redisUrl);
}

/** Consumes one point of `name` for this client: the 429 to answer when over the limit, else null. */
export async function consumeLimit(name: RateLimitName, who: { address: string; accountId: string | null }): Promise<Response | null> {
  const spec: RateLimit = RATE_LIMITS[name];
  if (spec.guestsOnly && who.accountId !== null) return null;
  const key = RATE_LIMITS[name].by === "account" && who.accountId !== null ? `account:${who.accountId}` : `address:${who.address}`;
  try {
    await limiter(name).consume(key);
    return null;
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    return rateLimited(RATE_LIMITS[name].message, Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
  }
}
