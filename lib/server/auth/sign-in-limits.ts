/**
 * Failed sign-ins, limited per account and per address: after too many failures within the
 * window, sign-in answers 429 with Retry-After until the window has passed, right password or
 * not. A success clears the account's count (not the address's: one address guessing many
 * accounts stays limited). Sign-ups are limited per address.
 *
 * Counted like http/rate-limit.ts: in memory for one process, in Redis across several instances
 * (TANDEM_REDIS_URL), so guessing passwords through another instance gains nothing. The numbers
 * are settings (env.ts), so tests and operators can tune them.
 */
import { type RateLimiterAbstract } from "rate-limiter-flexible";
import { sharedLimiter } from "../context";
import { settings } from "../env";

const WINDOW_SECONDS = 15 * 60;

interface Limits {
  readonly account: RateLimiterAbstract;
  readonly address: RateLimiterAbstract;
  readonly signUp: RateLimiterAbstract;
}

function limits(): Limits {
  const { limits: { signInAccount, signInAddress, signUpAddress }, redisUrl } = settings();
  return {
    account: sharedLimiter("signin-account", signInAccount, WINDOW_SECONDS, redisUrl),
    address: sharedLimiter("signin-address", signInAddress, WINDOW_SECONDS, redisUrl),
    signUp: sharedLimiter("signup-address", signUpAddress, 60 * 60, redisUrl),
  };
}

async function blockedFor(limiter: RateLimiterAbstract, key: string): Promise<number | null> {
  const res = await limiter.get(key);
  if (res === null || res.remainingPoints > 0) return null;
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

/** Seconds to wait before this sign-in may be tried, or null. */
export async function signInWait(email: string, address: string): Promise<number | null> {
  const { account, address: byAddress } = limits();
  const waits = await Promise.all([blockedFor(account, email.toLowerCase()), blockedFor(byAddress, address)]);
  const blocked = waits.filter((w): w is number => w !== null);
  return blocked.length > 0 ? Math.max(...blocked) : null;
}

export async function recordFailedSignIn(email: string, address: string): Promise<void> {
  const { account, address: byAddress } = limits();
  // consume() rejects once a key is over its points; the count is what matters here.
  await Promise.all([account.consume(email.toLowerCase()).catch(() => undefined), byAddress.consume(address).catch(() => undefined)]);
}

export async function recordSignIn(email: string): Promise<void> {
  await limits().account.delete(email.toLowerCase());
}

/** Consumes a sign-up for `address`; seconds to wait when over the limit, else null. */
export async function signUpWait(address: string): Promise<number | null> {
  try {
    await limits().signUp.consume(address);
    return null;
  } catch (error) {
    const ms = (error as { msBeforeNext?: number }).msBeforeNext;
    if (typeof ms === "number") return Math.max(1, Math.ceil(ms / 1000));
    throw error;
  }
}
