/**
 * Room leases on the machine's real Redis (127.0.0.1:6379, TANDEM_TEST_REDIS_URL to change it):
 * one owner at a time, tokens that only grow, renewal, loss when the lease is taken or Redis
 * stops answering, and placement of new rooms on the least-loaded live instance. Each test uses
 * its own key prefix.
 */
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { isElsewhere, type Claim, type Elsewhere } from "../collab/ownership";
import { RoomLeases } from "./leases";

const REDIS_URL = process.env.TANDEM_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const open: Array<{ leases: RoomLeases; redis: Redis }> = [];

function instance(prefix: string, name: string, ttlMs = 3_000, renewEveryMs = 1_000) {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  const moves: string[] = [];
  const leases = new RoomLeases({ redis, instance: name, address: `${name}.local:3000`, prefix, ttlMs, renewEveryMs, log: () => undefined, onMove: (m) => moves.push(m) });
  open.push({ leases, redis });
  return { leases, redis, moves };
}

const mine = (found: Claim | Elsewhere): Claim => {
  if (isElsewhere(found)) throw new Error(`expected the lease, got ${found.elsewhere}`);
  return found;
};

afterEach(async () => {
  for (const { leases, redis } of open.splice(0)) {
    leases.stop();
    redis.disconnect();
  }
});

describe("room leases", () => {
  it("gives a room one owner at a time, with tokens that only grow", async () => {
    const prefix = `test:${randomUUID()}:`;
    const a = instance(prefix, "a");
    const b = instance(prefix, "b");
    const first = mine(await a.leases.claim("nb"));
    expect(first.fence).toBe(1);
    expect(await b.leases.claim("nb")).toEqual({ elsewhere: "a.local:3000" });
    // Claiming again keeps the lease and its token.
    expect(mine(await a.leases.claim("nb")).fence).toBe(1);
    expect(await a.leases.holder("nb")).toEqual({ instance: "a", fence: 1, address: "a.local:3000" });

    await first.release();
    const second = mine(await b.leases.claim("nb"));
    expect(second.fence).toBe(2);
    expect(await a.leases.claim("nb")).toEqual({ elsewhere: "b.local:3000" });
    // Another notebook is a lease of its own.
    expect(mine(await a.leases.claim("other")).fence).toBe(1);
    expect(a.moves).toEqual(["acquired", "released", "acquired"]);
    expect(b.moves).toEqual(["acquired"]);
  });

  it("hands out a token above the one storage holds when asked (Redis lost its counter)", async () => {
    const prefix = `test:${randomUUID()}:`;
    const a = instance(prefix, "a");
    const held = mine(await a.leases.claim("nb"));
    expect(held.fence).toBe(1);
    // Storage refused token 1 because it holds 7: the same owner asks again, above it.
    const renewed = mine(await a.leases.claim("nb", 7));
    expect(renewed.fence).toBe(8);
    expect((await a.leases.holder("nb"))?.fence).toBe(8);
  });

  it("keeps a lease past its time to live by renewing it", async () => {
    const prefix = `test:${randomUUID()}:`;
    const a = instance(prefix, "a", 300, 50);
    const b = instance(prefix, "b", 300, 50);
    const claim = mine(await a.leases.claim("nb"));
    let lost = false;
    claim.onLost(() => (lost = true));
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(lost).toBe(false);
    expect(await b.leases.claim("nb")).toEqual({ elsewhere: "a.local:3000" });
  });

  it("tells the owner its lease is lost when another instance has it", async () => {
    const prefix = `test:${randomUUID()}:`;
    const a = instance(prefix, "a", 300, 50);
    const b = instance(prefix, "b", 300, 50);
    const claim = mine(await a.leases.claim("nb"));
    const lost = new Promise<void>((resolve) => claim.onLost(resolve));
    // As if a had paused past its lease: the key expired and b took it.
    await a.redis.del(`${prefix}room:nb`);
    expect(mine(await b.leases.claim("nb")).fence).toBe(2);
    await lost;
    expect(a.moves).toEqual(["acquired", "lost"]);
    // Its late release cannot remove b's lease.
    await claim.release();
    expect((await b.leases.holder("nb"))?.instance).toBe("b");
  });

  it("gives the lease up by its own clock when Redis stops answering", async () => {
    const prefix = `test:${randomUUID()}:`;
    const a = instance(prefix, "a", 300, 50);
    const claim = mine(await a.leases.claim("nb"));
    const lost = new Promise<void>((resolve) => claim.onLost(resolve));
    a.redis.disconnect();
    await lost;
    expect(a.leases.count).toBe(0);
  });

  it("releases every lease it holds when draining", async () => {
    const prefix = `test:${randomUUID()}:`;
    const a = instance(prefix, "a");
    const b = instance(prefix, "b");
    mine(await a.leases.claim("one"));
    mine(await a.leases.claim("two"));
    await a.leases.releaseAll();
    expect(a.leases.count).toBe(0);
    expect(mine(await b.leases.claim("one")).fence).toBe(2);
    expect(mine(await b.leases.claim("two")).fence).toBe(2);
  });

  it("places each new room on the live instance with the fewest, so a burst through one instance spreads", async () => {
    const prefix = `test:${randomUUID()}:`;
    const [a, b, c] = [instance(prefix, "a"), instance(prefix, "b"), instance(prefix, "c")];
    await Promise.all([a, b, c].map((i) => i.leases.announce()));
    // Every room's first client reaches a; a tie stays where it was asked.
    const placed = [];
    for (const room of ["r1", "r2", "r3", "r4", "r5", "r6"]) {
      const found = await a.leases.claim(room);
      placed.push(isElsewhere(found) ? found.elsewhere : "a (here)");
    }
    expect(placed).toEqual(["a (here)", "b.local:3000", "c.local:3000", "a (here)", "b.local:3000", "c.local:3000"]);
    // The chosen instance takes the lease up when the socket is forwarded there, with its token.
    const taken = mine(await b.leases.claim("r2"));
    expect(taken.fence).toBe(1);
    expect(b.moves).toEqual(["acquired"]);
    expect(await c.leases.claim("r2")).toEqual({ elsewhere: "b.local:3000" });
    // An announcement counts the leases an instance holds and the rooms placed on it that it has
    // not taken up yet: c holds none but was given two, so it still counts two.
    await c.leases.announce();
    expect(Number(await a.redis.zscore(`${prefix}instances`, "c"))).toBe(2);
    // b took r2 up: it holds one, and r5 is still on its way.
    await b.leases.announce();
    expect(Number(await a.redis.zscore(`${prefix}instances`, "b"))).toBe(2);
  });

  it("places nothing on an instance that withdrew (draining) or stopped saying it is alive", async () => {
    const prefix = `test:${randomUUID()}:`;
    const a = instance(prefix, "a");
    const b = instance(prefix, "b");
    const c = instance(prefix, "c", 300, 100_000);
    await Promise.all([a, b, c].map((i) => i.leases.announce()));
    mine(await a.leases.claim("busy"));
    await b.leases.withdraw();
    // c's alive key lapses with its TTL: it died without a word.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(mine(await a.leases.claim("next")).fence).toBe(1);
    expect(await a.redis.zrange(`${prefix}instances`, 0, -1)).toEqual(["a"]);
    // A withdrawn instance asked for a free room sends it to a live one.
    expect(await b.leases.claim("another")).toEqual({ elsewhere: "a.local:3000" });
  });

  it("stops counting a room placed on an instance that never took it up after one TTL", async () => {
    const prefix = `test:${randomUUID()}:`;
    const a = instance(prefix, "a", 300, 100_000);
    const b = instance(prefix, "b", 300, 100_000);
    await Promise.all([a, b].map((i) => i.leases.announce()));
    mine(await a.leases.claim("here"));
    expect(await a.leases.claim("there")).toEqual({ elsewhere: "b.local:3000" });
    await b.leases.announce();
    expect(Number(await a.redis.zscore(`${prefix}instances`, "b"))).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 400));
    await b.leases.announce();
    expect(Number(await a.redis.zscore(`${prefix}instances`, "b"))).toBe(0);
  });
});
