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
 */
import type { Redis } from "ioredis";
import type { Claim, Elsewhere, RoomOwnership } from "../collab/ownership";

export const LEASE_TTL_MS = 3_000;
export const RENEW_EVERY_MS = 1_000;

/** KEYS: lease, counter. ARGV: instance, address, ttl, above. Returns {1, value} when ours, {0, value} when another's. */
const ACQUIRE = `
local current = redis.call('GET', KEYS[1])
if current then
  local owner, token = string.match(current, '^(%S+) (%d+) ')
  if owner ~= ARGV[1] then return {0, current} end
  if tonumber(token) > tonumber(ARGV[4]) then
    redis.call('PEXPIRE', KEYS[1], ARGV[3])
    return {1, current}
  end
end
local token = redis.call('INCR', KEYS[2])
if token <= tonumber(ARGV[4]) then
  token = tonumber(ARGV[4]) + 1
  redis.call('SET', KEYS[2], token)
end
local value = ARGV[1] .. ' ' .. token .. ' ' .. ARGV[2]
redis.call('SET', KEYS[1], value, 'PX', ARGV[3])
return {1, value}
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

  constructor(private readonly options: LeaseOptions) {
    this.prefix = options.prefix ?? "tandem:";
    this.ttl = options.ttlMs ?? LEASE_TTL_MS;
    this.lostAfter = (this.ttl * 5) / 6;
    this.log = options.log ?? console.error;
    this.timer = setInterval(() => void this.renewAll(), options.renewEveryMs ?? RENEW_EVERY_MS);
    this.timer.unref();
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
    const [mine, value] = (await redis.eval(ACQUIRE, 2, this.key(notebookId), `${this.prefix}fence:${notebookId}`, instance, address, this.ttl, above)) as [number, string];
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

  /** Renews every lease held; one that is gone, someone else's, or unrenewed too long is lost. */
  private async renewAll(): Promise<void> {
    const entries = [...this.held.entries()];
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
