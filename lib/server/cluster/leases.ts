/**
 * Room leases in Redis (ADR 0007): which instance serves each notebook's room, with a fencing
 * token that only grows.
 *
 * `tandem:room:<id>` holds "<instance> <token> <address>" for LEASE_TTL_MS; the owner renews every
 * lease it holds each RENEW_EVERY_MS, in one pipeline. A lease is lost when a renewal finds the key
 * gone or someone else's, or when no renewal has succeeded for 5/6 of the TTL by this process's own
 * clock (Redis unreachable; the margin is for clocks that run a little apart): the owner must
 * assume another instance may have it by then. Tokens
 * come from `tandem:fence:<id>` (INCR), raised above the token storage holds when asked to, so a
 * Redis that lost its data cannot hand out a token the database already refuses.
 *
 * Placement: a room nobody serves goes to the live instance that holds the fewest leases (this
 * one on a tie), whichever instance was asked. Each instance says it is alive
 * (`tandem:instance:<id>`, its address, for one TTL) and how many leases it holds (its score in
 * the `tandem:instances` sorted set) at every renewal; the acquire script adds one to the chosen
 * instance's score at once, so a burst of new rooms arriving through one instance (a class
 * starting together, a restart) spreads over all of them. The chosen instance takes the lease up
 * when the asking edge forwards its socket there; if that never happens the lease lapses in one
 * TTL and the next client places the room again. A draining instance withdraws first.
 */
import type { Redis } from "ioredis";
import type { Claim, Elsewhere, RoomOwnership } from "../collab/ownership";

export const LEASE_TTL_MS = 3_000;
export const RENEW_EVERY_MS = 1_000;

/**
 * KEYS: lease, counter, instances. ARGV: instance, address, ttl, above, alive-key prefix,
 * withdrawn (1 or 0), placed-key prefix, notebook id. Returns {1, value} when the lease is (now)
 * this instance's, {0, value} when another's. A free lease is placed on the live instance with the
 * lowest score, this one unless another's is lower or this one is withdrawn (an instance whose
 * alive key is gone is dropped from the set on the way). A room placed on another instance is
 * noted in that instance's placed set until it takes the lease up (or one TTL passes), so that its
 * next announcement still counts it. The alive and placed keys are named in ARGV, which a single
 * Redis (not Redis Cluster) allows.
 */
const ACQUIRE = `
local current = redis.call('GET', KEYS[1])
if current then
  local owner, token = string.match(current, '^(%S+) (%d+) ')
  if owner ~= ARGV[1] then return {0, current} end
  if tonumber(token) > tonumber(ARGV[4]) then
    redis.call('PEXPIRE', KEYS[1], ARGV[3])
    redis.call('ZREM', ARGV[7] .. ARGV[1], ARGV[8])
    return {1, current}
  end
end
local chosen, address = ARGV[1], ARGV[2]
if not current then
  local mine = math.huge
  if ARGV[6] ~= '1' then mine = tonumber(redis.call('ZSCORE', KEYS[3], ARGV[1]) or '0') end
  local ranked = redis.call('ZRANGE', KEYS[3], 0, -1, 'WITHSCORES')
  for i = 1, #ranked, 2 do
    if tonumber(ranked[i + 1]) >= mine then break end
    local alive = redis.call('GET', ARGV[5] .. ranked[i])
    if alive then
      chosen, address = ranked[i], alive
      break
    end
    redis.call('ZREM', KEYS[3], ranked[i])
  end
end
local token = redis.call('INCR', KEYS[2])
if token <= tonumber(ARGV[4]) then
  token = tonumber(ARGV[4]) + 1
  redis.call('SET', KEYS[2], token)
end
local value = chosen .. ' ' .. token .. ' ' .. address
redis.call('SET', KEYS[1], value, 'PX', ARGV[3])
redis.call('ZINCRBY', KEYS[3], 1, chosen)
if chosen == ARGV[1] then return {1, value} end
local now = redis.call('TIME')
redis.call('ZADD', ARGV[7] .. chosen, now[1] * 1000 + math.floor(now[2] / 1000), ARGV[8])
redis.call('PEXPIRE', ARGV[7] .. chosen, ARGV[3] * 2)
return {0, value}
`;
/**
 * KEYS: instances. ARGV: alive-key prefix, instance, leases held, address, ttl, placed-key
 * prefix. Says this instance is alive with its score (the leases it holds, plus the rooms placed
 * on it within one TTL that it has not taken up yet), and drops every instance whose alive key has
 * lapsed (it died, or drained) so that the set stays as small as the deployment.
 */
const ANNOUNCE = `
redis.call('SET', ARGV[1] .. ARGV[2], ARGV[4], 'PX', ARGV[5])
local now = redis.call('TIME')
local placed = ARGV[6] .. ARGV[2]
redis.call('ZREMRANGEBYSCORE', placed, '-inf', '(' .. (now[1] * 1000 + math.floor(now[2] / 1000) - tonumber(ARGV[5])))
redis.call('ZADD', KEYS[1], tonumber(ARGV[3]) + redis.call('ZCARD', placed), ARGV[2])
for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  if redis.call('EXISTS', ARGV[1] .. id) == 0 then redis.call('ZREM', KEYS[1], id) end
end
return 1
`;
/** KEYS: lease. ARGV: value, ttl. 1 when still ours (extended), else 0. */
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
/** KEYS: lease. ARGV: value. Deletes the lease only while it is ours. */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export interface LeaseOptions {
  readonly redis: Redis;
  /** Unique per process run. */
  readonly instance: string;
  /** host:port where other instances reach this one's collaboration endpoint. */
  readonly address: string;
  readonly prefix?: string;
  readonly ttlMs?: number;
  readonly renewEveryMs?: number;
  readonly log?: (message: string, error?: unknown) => void;
  /** False for a process that serves no rooms (a test standing in for the app's pages): no room is placed on it. */
  readonly takesRooms?: boolean;
  /** Counts a lease taken, given up or lost (metrics). */
  readonly onMove?: (event: "acquired" | "released" | "lost") => void;
}

interface Held {
  readonly value: string;
  readonly fence: number;
  lastRenewed: number;
  readonly lost: Array<() => void>;
}

/** The owner part of a lease value: instance, token and address. */
export function parseLease(value: string): { instance: string; fence: number; address: string } | null {
  const match = /^(\S+) (\d+) (\S+)$/.exec(value);
  return match ? { instance: match[1]!, fence: Number(match[2]), address: match[3]! } : null;
}

export class RoomLeases implements Pick<RoomOwnership, "claim" | "holders"> {
  private readonly held = new Map<string, Held>();
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly prefix: string;
  private readonly ttl: number;
  private readonly lostAfter: number;
  private readonly log: (message: string, error?: unknown) => void;
  /** Draining: this instance takes no new rooms and no longer says it is alive. */
  private withdrawn = false;
  /**
   * Claims sent to Redis and not answered yet. An announcement counts them: one that Redis placed
   * here before the announcement runs is not in `held` yet, and counting it low would send the
   * rest of a burst here too.
   */
  private claiming = 0;

  constructor(private readonly options: LeaseOptions) {
    this.prefix = options.prefix ?? "tandem:";
    this.ttl = options.ttlMs ?? LEASE_TTL_MS;
    this.lostAfter = (this.ttl * 5) / 6;
    this.log = options.log ?? console.error;
    this.withdrawn = options.takesRooms === false;
    this.timer = setInterval(() => void this.renewAll(), options.renewEveryMs ?? RENEW_EVERY_MS);
    this.timer.unref();
  }

  /** Says this instance is alive and how many rooms it serves, so that new rooms can be placed on it. */
  async announce(): Promise<void> {
    if (this.withdrawn) return;
    await this.options.redis.eval(ANNOUNCE, 1, this.instancesKey(), this.aliveKey(""), this.options.instance, this.held.size + this.claiming, this.options.address, this.ttl, this.placedKey(""));
  }

  /** Draining: no new room is placed here from now on (the rooms held are kept until released). */
  async withdraw(): Promise<void> {
    this.withdrawn = true;
    await this.options.redis
      .pipeline()
      .del(this.aliveKey(this.options.instance))
      .zrem(this.instancesKey(), this.options.instance)
      .exec()
      .catch((error: unknown) => this.log("Withdrawing from room placement failed (it lapses by itself)", error));
  }

  private aliveKey(instance: string): string {
    return `${this.prefix}instance:${instance}`;
  }

  private placedKey(instance: string): string {
    return `${this.prefix}placed:${instance}`;
  }

  private instancesKey(): string {
    return `${this.prefix}instances`;
  }

  private key(notebookId: string): string {
    return `${this.prefix}room:${notebookId}`;
  }

  /** Who holds the notebook's lease now (null: nobody). */
  async holder(notebookId: string): Promise<ReturnType<typeof parseLease>> {
    const value = await this.options.redis.get(this.key(notebookId));
    return value === null ? null : parseLease(value);
  }

  async holders(notebookIds: readonly string[]): Promise<Map<string, string | null>> {
    const found = new Map<string, string | null>();
    if (notebookIds.length === 0) return found;
    const values = await this.options.redis.mget(...notebookIds.map((id) => this.key(id)));
    notebookIds.forEach((id, index) => {
      const value = values[index];
      found.set(id, value ? (parseLease(value)?.address ?? null) : null);
    });
    return found;
  }

  async claim(notebookId: string, above = 0): Promise<Claim | Elsewhere> {
    const started = performance.now();
    const { redis, instance, address } = this.options;
    this.claiming += 1;
    const [mine, value] = (await redis
      .eval(ACQUIRE, 3, this.key(notebookId), `${this.prefix}fence:${notebookId}`, this.instancesKey(), instance, address, this.ttl, above, this.aliveKey(""), this.withdrawn ? 1 : 0, this.placedKey(""), notebookId)
      .finally(() => (this.claiming -= 1))) as [number, string];
    const lease = parseLease(value);
    if (!lease) throw new Error(`Unreadable lease for notebook ${notebookId}: ${value}`);
    if (mine !== 1) return { elsewhere: lease.address };
    const previous = this.held.get(notebookId);
    const held: Held = previous?.value === value ? previous : { value, fence: lease.fence, lastRenewed: started, lost: [] };
    held.lastRenewed = started;
    if (held !== previous) {
      this.held.set(notebookId, held);
      this.options.onMove?.("acquired");
    }
    return {
      fence: held.fence,
      onLost: (listener) => void held.lost.push(listener),
      release: () => this.release(notebookId, held),
    };
  }

  /** Notebooks whose lease this instance holds. */
  get count(): number {
    return this.held.size;
  }

  /** Gives up every lease (draining); their rooms must have been stored first. */
  async releaseAll(): Promise<void> {
    await Promise.all([...this.held.entries()].map(([id, held]) => this.release(id, held)));
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async release(notebookId: string, held: Held): Promise<void> {
    // Only the claim that holds it now: a newer claim of the same notebook replaced this entry.
    if (this.held.get(notebookId) !== held) return;
    this.held.delete(notebookId);
    this.options.onMove?.("released");
    await this.options.redis.eval(RELEASE, 1, this.key(notebookId), held.value).catch((error: unknown) => this.log(`Releasing the lease of notebook ${notebookId} failed (it expires by itself)`, error));
  }

  /**
   * Renews every lease held (one that is gone, someone else's, or unrenewed too long is lost), and
   * says again that this instance is alive and how many it holds.
   */
  private async renewAll(): Promise<void> {
    const entries = [...this.held.entries()];
    void this.announce().catch((error: unknown) => this.log("Announcing this instance for room placement failed", error));
    if (entries.length === 0) return;
    const sent = performance.now();
    const pipeline = this.options.redis.pipeline();
    for (const [id, held] of entries) pipeline.eval(RENEW, 1, this.key(id), held.value, this.ttl);
    let results: Array<[Error | null, unknown]> | null = null;
    try {
      results = await pipeline.exec();
    } catch (error) {
      this.log("Renewing room leases failed", error);
    }
    const now = performance.now();
    entries.forEach(([id, held], index) => {
      const [error, renewed] = results?.[index] ?? [new Error("no answer"), 0];
      if (!error && renewed === 1) held.lastRenewed = sent;
      else if (!error || now - held.lastRenewed > this.lostAfter) this.lose(id, held);
    });
  }

  private lose(notebookId: string, held: Held): void {
    if (this.held.get(notebookId) !== held) return;
    this.held.delete(notebookId);
    this.options.onMove?.("lost");
    this.log(`Lost the lease of notebook ${notebookId}: its room stops here`);
    for (const listener of held.lost.splice(0)) listener();
  }
}
