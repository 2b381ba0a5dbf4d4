/**
 * Multi-instance mode (ADR 0007), on when TANDEM_REDIS_URL is set: room leases (leases.ts), the
 * key that signs forwarded sockets (collab/forward.ts), and the events every instance applies to
 * its own sockets and rooms (protocol/cluster.ts), published on one Redis channel. The publisher
 * gets its own events back like everyone else: one path, whether a notebook's clients are here,
 * elsewhere, or both.
 */
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { EVENTS_CHANNEL, parseClusterEvent, type ClusterEvent } from "../../protocol/cluster";
import { forwardKey } from "../collab/forward";
import type { RoomOwnership } from "../collab/ownership";
import { changeStored, type CollabStorage } from "../collab/storage";
import { RoomLeases } from "./leases";

export interface ClusterOptions {
  readonly redisUrl: string;
  /** host:port where the other instances reach this one. */
  readonly address: string;
  /** The auth secret all instances share; forwarded sockets are signed with a key made from it. */
  readonly authSecret: string;
  /** Where a change to a room served elsewhere is stored (unfenced). */
  readonly storage: CollabStorage;
  /** Key prefix, so that tests (and several deployments on one Redis) keep apart. */
  readonly prefix?: string;
  readonly log?: (message: string, error?: unknown) => void;
  readonly onLeaseMove?: (event: "acquired" | "released" | "lost") => void;
  /** False for a process that serves no rooms (tests): no room is placed on it (leases.ts). */
  readonly takesRooms?: boolean;
}

export interface Cluster {
  readonly instance: string;
  readonly ownership: RoomOwnership;
  readonly leases: RoomLeases;
  readonly forwardKey: Buffer;
  publish(event: ClusterEvent): Promise<void>;
  /** Calls `handler` for every event published by any instance, this one included. */
  listen(handler: (event: ClusterEvent) => void | Promise<void>): void;
  /** Whether Redis answers (readiness). */
  ping(): Promise<boolean>;
  /** Draining: no new room is placed here; the rooms held stay until close() (leases.ts). */
  withdraw(): Promise<void>;
  /** Stops renewing and gives up every lease left, then disconnects. */
  close(): Promise<void>;
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const log = options.log ?? console.error;
  const instance = randomUUID();
  const prefix = options.prefix ?? "tandem:";
  const channel = `${prefix}${EVENTS_CHANNEL}`;
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: true });
  const subscriber = redis.duplicate();
  await redis.connect();
  await subscriber.connect();
  redis.on("error", (error) => log("Redis (commands):", error));
  subscriber.on("error", (error) => log("Redis (events):", error));
  const leases = new RoomLeases({ redis, instance, address: options.address, prefix, log, ...(options.onLeaseMove ? { onMove: options.onLeaseMove } : {}), takesRooms: options.takesRooms !== false });
  // Known at once to the others' room placement (leases.ts), not only after the first renewal.
  await leases.announce();
  const handlers: Array<(event: ClusterEvent) => void | Promise<void>> = [];
  await subscriber.subscribe(channel);
  subscriber.on("message", (_channel: string, text: string) => {
    const event = parseClusterEvent(text);
    if (!event) return log(`Ignored an event this build does not know: ${text.slice(0, 200)}`);
    for (const handler of handlers) {
      Promise.resolve(handler(event)).catch((error: unknown) => log(`Applying a ${event.type} event failed`, error));
    }
  });
  const publish = async (event: ClusterEvent) => void (await redis.publish(channel, JSON.stringify(event)));

  const ownership: RoomOwnership = {
    claim: (notebookId, above) => leases.claim(notebookId, above),
    holders: (notebookIds) => leases.holders(notebookIds),
    async changeElsewhere(notebookId, change) {
      // Durable first (a row no compaction loses), then live: the owner applies it to its room.
      const update = await changeStored(options.storage, notebookId, change);
      if (update === false) return false;
      if (update) await publish({ type: "change", notebookId, update: Buffer.from(update).toString("base64") });
      return true;
    },
  };

  return {
    instance,
    ownership,
    leases,
    forwardKey: forwardKey(options.authSecret),
    publish,
    listen: (handler) => void handlers.push(handler),
    async ping() {
      try {
        return (await Promise.race([redis.ping(), new Promise<null>((resolve) => setTimeout(() => resolve(null), 1_000).unref())])) === "PONG";
      } catch {
        return false;
      }
    },
    withdraw: () => leases.withdraw(),
    async close() {
      await leases.withdraw();
      leases.stop();
      await leases.releaseAll();
      subscriber.disconnect();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
