/**
 * Rate limits across instances (ADR 0007): with TANDEM_REDIS_URL the counts live in Redis, so
 * failed sign-ins made through one instance hold on another. "Another instance" here is this
 * process with its limiters forgotten (a new process starts with none), on the machine's Redis.
 */
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { recordFailedSignIn, signInWait } from "@/lib/server/auth/sign-in-limits";
import { serverContext } from "@/lib/server/context";
import { resetSettings } from "@/lib/server/env";
import { consumeLimit } from "@/lib/server/http/rate-limit";

const REDIS_URL = process.env.TANDEM_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** Another instance: same settings, none of this one's limiters. */
function anotherInstance(): void {
  serverContext().limiters.clear();
}

function multiInstance(redisUrl: string | undefined, limits: Record<string, string> = {}): void {
  if (redisUrl) process.env.TANDEM_REDIS_URL = redisUrl;
  else delete process.env.TANDEM_REDIS_URL;
  process.env.TANDEM_AUTH_SECRET ??= "shared-limits-test-secret-0123456789abcdef";
  Object.assign(process.env, limits);
  resetSettings();
  anotherInstance();
}

afterEach(() => {
  delete process.env.TANDEM_SIGNIN_ACCOUNT_LIMIT;
  delete process.env.TANDEM_NOTEBOOK_CREATE_LIMIT;
  multiInstance(undefined);
  serverContext().limiterRedis?.disconnect();
  serverContext().limiterRedis = null;
});

describe("rate limits across instances", () => {
  it("holds failed sign-ins made through one instance on another", async () => {
    multiInstance(REDIS_URL, { TANDEM_SIGNIN_ACCOUNT_LIMIT: "3" });
    const email = `${randomUUID()}@example.com`;
    for (let i = 0; i < 3; i++) await recordFailedSignIn(email, `198.51.100.${i + 1}`);
    anotherInstance();
    expect(await signInWait(email, "198.51.100.9")).toBeGreaterThan(0);
  });

  it("counts a limited action on every instance together", async () => {
    multiInstance(REDIS_URL, { TANDEM_NOTEBOOK_CREATE_LIMIT: "2" });
    const who = { address: `2001:db8::${randomUUID().slice(0, 4)}`, accountId: null };
    expect(await consumeLimit("notebookCreate", who)).toBeNull();
    anotherInstance();
    expect(await consumeLimit("notebookCreate", who)).toBeNull();
    anotherInstance();
    expect((await consumeLimit("notebookCreate", who))?.status).toBe(429);
  });

  it("keeps counting in each process while Redis does not answer", async () => {
    multiInstance("redis://127.0.0.1:1", { TANDEM_SIGNIN_ACCOUNT_LIMIT: "3" });
    const email = `${randomUUID()}@example.com`;
    for (let i = 0; i < 3; i++) await recordFailedSignIn(email, "198.51.100.30");
    expect(await signInWait(email, "198.51.100.31")).toBeGreaterThan(0);
  });

  it("counts per process without Redis, as one instance always has", async () => {
    multiInstance(undefined, { TANDEM_SIGNIN_ACCOUNT_LIMIT: "3" });
    const email = `${randomUUID()}@example.com`;
    for (let i = 0; i < 3; i++) await recordFailedSignIn(email, "198.51.100.20");
    expect(await signInWait(email, "198.51.100.21")).toBeGreaterThan(0);
    anotherInstance();
    expect(await signInWait(email, "198.51.100.21")).toBeNull();
  });
});
