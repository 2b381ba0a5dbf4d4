/**
 * Connection status as the page shows it, derived from what the provider and the browser report.
 * A pure reducer over events, so the rules are tested without sockets:
 *
 * - connecting:   never synced with the server yet in this session;
 * - connected:    the socket is open and the server's state has been merged (sync step 2);
 * - reconnecting: the socket dropped and the provider is retrying;
 * - offline:      the browser says it is offline, or retries failed for `OFFLINE_AFTER_MS`.
 *
 * Unsent changes: y-websocket has no acknowledgements, so the count is honest rather than exact.
 * It counts my document updates made while not synced (each keystroke is one), plus what the
 * browser's stored copy held that the server's state at page load lacked. It drops to zero when a
 * sync completes: by then the provider has answered the server's sync step 1 with everything the
 * server was missing, in order, on the same socket.
 */
export type ConnectionState = "connecting" | "connected" | "reconnecting" | "offline";

export interface ConnectionStatus {
  readonly state: ConnectionState;
  /** Local changes not yet sent to the server. */
  readonly unsent: number;
}

export type ConnectionEvent =
  | { readonly type: "socket"; readonly status: "connecting" | "connected" | "disconnected" }
  | { readonly type: "synced" }
  | { readonly type: "local-change" }
  /** Changes found in the browser's stored copy that the server's page-load state lacked. */
  | { readonly type: "restored"; readonly count: number }
  | { readonly type: "network"; readonly online: boolean }
  /** The socket has been down for OFFLINE_AFTER_MS. */
  | { readonly type: "retries-exhausted" };

/** How long reconnect attempts run before the page calls itself offline. */
export const OFFLINE_AFTER_MS = 8_000;

export interface TrackerState {
  readonly socket: "connecting" | "open" | "closed";
  readonly synced: boolean;
  readonly everSynced: boolean;
  readonly online: boolean;
  readonly exhausted: boolean;
  readonly unsent: number;
}

export const INITIAL_TRACKER: TrackerState = {
  socket: "connecting",
  synced: false,
  everSynced: false,
  online: true,
  exhausted: false,
  unsent: 0,
};

export function reduceConnection(s: TrackerState, e: ConnectionEvent): TrackerState {
  switch (e.type) {
    case "socket":
      if (e.status === "connected") return { ...s, socket: "open", exhausted: false };
      if (e.status === "connecting") return { ...s, socket: s.socket === "open" ? "open" : "connecting" };
      return { ...s, socket: "closed", synced: false };
    case "synced":
      return { ...s, synced: true, everSynced: true, exhausted: false, unsent: 0 };
    case "local-change":
      return s.synced ? s : { ...s, unsent: s.unsent + 1 };
    case "restored":
      return s.synced || e.count <= 0 ? s : { ...s, unsent: s.unsent + e.count };
    case "network":
      return { ...s, online: e.online };
    case "retries-exhausted":
      return s.synced ? s : { ...s, exhausted: true };
  }
}

export function connectionStatus(s: TrackerState): ConnectionStatus {
  let state: ConnectionState;
  if (!s.online) state = "offline";
  else if (s.synced && s.socket === "open") state = "connected";
  else if (s.exhausted) state = "offline";
  else if (!s.everSynced) state = "connecting";
  else state = "reconnecting";
  return { state, unsent: s.unsent };
}

/** The header's words for a status: "Connected", "Reconnecting…", "Offline — 3 unsent changes". */
export function describeStatus({ state, unsent }: ConnectionStatus): string {
  const changes = `${unsent} unsent change${unsent === 1 ? "" : "s"}`;
  switch (state) {
    case "connected":
      return "Connected";
    case "connecting":
      return unsent > 0 ? `Connecting… — ${changes}` : "Connecting…";
    case "reconnecting":
      return unsent > 0 ? `Reconnecting… — ${changes}` : "Reconnecting…";
    case "offline":
      return unsent > 0 ? `Offline — ${changes}` : "Offline";
  }
}
