/**
 * The process's Prometheus metrics (prom-client), one registry per process.
 *
 * Why on globalThis (via the server context): server.ts and Next's bundled server code each load
 * their own copy of this module (context.ts), and prom-client's own default registry is per copy
 * of prom-client; a second registry would count half the events, and collecting the default
 * process metrics twice throws. So the registry and every metric are made once, by whichever copy
 * asks first, and kept in the server context.
 *
 * The collaboration code calls the small functions below (roomOpened, updateRelayed, ...) rather
 * than the metric objects, so that no hook point knows prom-client. None of them changes what the
 * caller does; each is a counter bump. /metrics is served by server.ts (http/metrics-endpoint.ts),
 * behind TANDEM_METRICS_TOKEN.
 *
 * No metric carries a notebook id or a user as a label: labels multiply series, and metrics are
 * for the operator's dashboards, not an audit trail.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { serverContext } from "./context";

/** What moved a room's lease (the multi-instance lease code increments this; see leaseMoved). */
export type LeaseMove = "acquired" | "released" | "lost";

/** Which durable write a flush latency is for. */
export type FlushKind = "append" | "compact";

/** Where a server-side document read found the notebook (documents/service.ts). */
export type DocumentReadSource = "live" | "cache" | "stored";

export interface Metrics {
  readonly registry: Registry;
  /** Rooms loaded in this process (collab/room.ts: constructed, until destroyed). */
  readonly roomsOpen: Gauge;
  /** Collaboration WebSockets open on this process (collab/endpoint.ts). */
  readonly connectionsOpen: Gauge;
  /** Document updates a room applied and relayed to its other connections (collab/room.ts). */
  readonly updatesRelayed: Counter;
  /** Durable writes of the persistence queue, in seconds, by kind (collab/persistence.ts). */
  readonly flushSeconds: Histogram<"kind">;
  /** Durable writes that failed and will be retried, by kind. */
  readonly flushFailures: Counter<"kind">;
  /**
   * Room leases that changed hands, by kind: "acquired" (this instance took a room's lease,
   * free or expired), "released" (handed over: idle room, drain), "lost" (another instance holds
   * it now, or renewal failed). Defined here for the multi-instance mode (TANDEM_REDIS_URL);
   * nothing increments it yet.
   */
  readonly leaseMoves: Counter<"kind">;
  /** Server-side document reads, by where the state came from (documents/service.ts). */
  readonly documentReads: Counter<"source">;
}

function createMetrics(): Metrics {
  const registry = new Registry();
  // Process metrics: CPU, memory, handles, GC, and event-loop lag (nodejs_eventloop_lag_*).
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const registers = [registry];
  return {
    registry,
    roomsOpen: new Gauge({ name: "tandem_rooms_open", help: "Collaboration rooms loaded in this process.", registers }),
    connectionsOpen: new Gauge({ name: "tandem_connections_open", help: "Collaboration WebSocket connections open on this process.", registers }),
    updatesRelayed: new Counter({ name: "tandem_updates_relayed_total", help: "Document updates applied by a room and relayed to its connections.", registers }),
    flushSeconds: new Histogram({
      name: "tandem_flush_duration_seconds",
      help: "Durable writes of a room's updates (append) and compactions (compact), in seconds.",
      labelNames: ["kind"] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    flushFailures: new Counter({ name: "tandem_flush_failures_total", help: "Durable writes that failed (retried later).", labelNames: ["kind"] as const, registers }),
    leaseMoves: new Counter({ name: "tandem_lease_moves_total", help: "Room leases acquired, released or lost by this instance.", labelNames: ["kind"] as const, registers }),
    documentReads: new Counter({ name: "tandem_document_reads_total", help: "Server-side notebook reads, by where the state came from.", labelNames: ["source"] as const, registers }),
  };
}

/** This process's metrics, made on first use. */
export function metrics(): Metrics {
  const context = serverContext();
  context.metrics ??= createMetrics();
  return context.metrics;
}

/** A room was loaded. */
export function roomOpened(): void {
  metrics().roomsOpen.inc();
}

/** A room was stored and destroyed. */
export function roomClosed(): void {
  metrics().roomsOpen.dec();
}

export function connectionOpened(): void {
  metrics().connectionsOpen.inc();
}

export function connectionClosed(): void {
  metrics().connectionsOpen.dec();
}

export function updateRelayed(): void {
  metrics().updatesRelayed.inc();
}

/** Times one durable write; its promise is returned as is (a failure is counted and rethrown). */
export async function timeFlush<T>(kind: FlushKind, write: () => Promise<T>): Promise<T> {
  const end = metrics().flushSeconds.startTimer({ kind });
  try {
    const result = await write();
    end();
    return result;
  } catch (error) {
    metrics().flushFailures.inc({ kind });
    throw error;
  }
}

/** A room's lease moved (for the lease code of the multi-instance mode). */
export function leaseMoved(kind: LeaseMove): void {
  metrics().leaseMoves.inc({ kind });
}

export function documentRead(source: DocumentReadSource): void {
  metrics().documentReads.inc({ source });
}
