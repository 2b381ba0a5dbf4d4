/**
 * The collaboration endpoint: WebSocket upgrades on /collab/<notebookId>, speaking the y-websocket
 * protocol to the notebook's room.
 *
 * Every upgrade is checked before any Yjs message is exchanged: the Origin must be one of ours
 * (403 otherwise), and the notebook must exist and be readable by this visitor (404 otherwise, so a
 * private notebook's existence is not revealed). Whether the connection may write is decided here
 * too, once; the room drops a read-only connection's updates. Frames over MAX_FRAME_BYTES close
 * that connection (1009), frames that fail to decode close it with 4400; the room and everyone
 * else carry on. One address may hold at most `socketsPerAddress` connections (429 past that).
 * Signing out closes the connections opened under that session (closeSession).
 *
 * With several instances (`cluster`, ADR 0007) a connection whose notebook another instance serves
 * is checked here all the same, then piped to that instance (forward.ts); a connection forwarded
 * here carries its access, signed, and is attached to the room without another check (and is
 * never forwarded again). The edge keeps the client's socket, so reauthorize and closeSession act
 * where they always did.
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { CLOSE, COLLAB_PATH, COLLAB_PROTOCOL_VERSION, KEEPALIVE_MS, MAX_FRAME_BYTES, MESSAGE_KEEPALIVE, PING_INTERVAL_MS, requestedProtocolVersion } from "../../protocol/collab";
import { FORWARD_HEADER } from "../../protocol/cluster";
import { REQUEST_ID_HEADER, requestIdOf } from "../http/request-id";
import { log, structured } from "../log";
import { connectionClosed, connectionOpened } from "../metrics";
import { connectToOwner, signForward, verifyForward } from "./forward";
import { isElsewhere, type RoomOwnership } from "./ownership";
import type { RoomHooks } from "./hooks";
import type { Spool } from "./persistence";
import { binaryFrame } from "./frame";
import { Sweep } from "./sweep";
import type { Peer, Room } from "./room";
import { RoomManager } from "./rooms";
import type { CollabStorage } from "./storage";

/**
 * What a visitor may do with a notebook: write, and whether they are one of its class's teachers
 * (a student's copy), which their presence then says (room.ts). Absent `teacher` means no.
 */
export interface ConnectionAccess {
  readonly write: boolean;
  readonly teacher?: boolean;
  /** May change the cells the notebook locks (guard.ts); absent means no. */
  readonly editsLocked?: boolean;
  /** The sign-in session the connection was opened under (null or absent for a guest). */
  readonly sessionId?: string | null;
}

/** What a visitor may do with a notebook; null when they may not see it (or it does not exist). */
export type Authorize = (notebookId: string, req: IncomingMessage) => Promise<ConnectionAccess | null>;

export interface CollabEndpointOptions {
  allowedOrigins: readonly string[];
  storage: CollabStorage;
  authorize: Authorize;
  /** The client's address as the server trusts it (http/client-ip.ts). */
  addressOf?: (req: IncomingMessage) => string;
  /** Open connections one address may hold (default: no limit). */
  socketsPerAddress?: number;
  /** Each socket is pinged this often, and closed when it did not answer the last ping (default PING_INTERVAL_MS; tests shorten it). */
  pingIntervalMs?: number;
  /** A socket sent nothing for this long gets MESSAGE_KEEPALIVE (default KEEPALIVE_MS; tests shorten it). */
  keepaliveMs?: number;
  /** Where close() keeps a notebook's state that storage cannot take (spool.ts). */
  spool?: Spool;
  /** Hooks of the caller's own for each room (hooks.ts): metrics, test counters. */
  roomHooks?: (notebookId: string) => readonly RoomHooks<Peer>[];
  /** Several instances (ADR 0007); absent in one process. */
  cluster?: {
    readonly ownership: RoomOwnership;
    /** Signs and checks forwarded sockets' access (forward.ts `forwardKey`). */
    readonly forwardKey: Buffer;
    /** How long an edge keeps trying to reach a room's owner before the client is told to reconnect. */
    readonly forwardPatienceMs?: number;
  };
}

/** Between tries to reach a room's owner (it may be dead, its lease not yet expired). */
const FORWARD_RETRY_MS = 250;
/** How often the ping and keepalive sweeps visit a slice of the sockets. */
const SWEEP_TICK_MS = 250;
const slicesOf = (period: number) => Math.max(1, Math.round(period / SWEEP_TICK_MS));
/** How often an edge checks that the instances it forwards to still hold their rooms' leases. */
const FOLLOW_LEASES_MS = 1_000;

export interface CollabEndpoint {
  readonly rooms: RoomManager;
  /** Sockets this instance pipes to the instances that serve their rooms (ADR 0007). */
  readonly forwarding: number;
  matches(req: IncomingMessage): boolean;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /**
   * Checks every open connection to the notebook again (its sharing changed): one that may no
   * longer read it, or whose right to write changed, is closed with CLOSE.accessChanged.
   */
  reauthorize(notebookId: string): Promise<void>;
  /** Tells the notebook's open room, if any, that its comments changed. */
  commentsChanged(notebookId: string): Promise<void>;
  titleChanged(notebookId: string, title: string): Promise<void>;
  progressChanged(notebookId: string): Promise<void>;
  /** Closes every connection opened under the sign-in session (it was signed out). */
  closeSession(sessionId: string): void;
  /** Closes every connection and flushes every room; safe to call twice. */
  close(): Promise<void>;
}

function refuse(socket: Duplex, status: 403 | 404 | 429 | 503 | 500, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** The notebook id in /collab/<id>[?...], or "" when the path has none. */
export function notebookIdFromPath(url: string): string {
  const rest = url.slice(COLLAB_PATH.length).split(/[/?#]/)[0] ?? "";
  try {
    return decodeURIComponent(rest);
  } catch {
    return "";
  }
}

/** When each socket was last sent something (the keepalive fills silences, KEEPALIVE_MS). */
const lastSent = new WeakMap<WebSocket, number>();
const KEEPALIVE_FRAME = new Uint8Array([MESSAGE_KEEPALIVE]);

/** Each WebSocket's own TCP socket, for frames written whole (frame.ts). */
const rawSockets = new WeakMap<WebSocket, Duplex>();

function sendTo(ws: WebSocket, data: Uint8Array | Buffer, binary = true): void {
  if (ws.readyState !== ws.OPEN) return;
  const raw = binary ? rawSockets.get(ws) : undefined;
  if (raw) raw.write(binaryFrame(data));
  else ws.send(data, { binary });
  lastSent.set(ws, Date.now());
}

function peerFor(ws: WebSocket, access: ConnectionAccess): Peer {
  return {
    readOnly: !access.write,
    teacher: access.teacher === true,
    editsLocked: access.editsLocked === true,
    send(message) {
      sendTo(ws, message);
    },
    close(code, reason) {
      ws.close(code, reason);
    },
  };
}

export function createCollabEndpoint(options: CollabEndpointOptions): CollabEndpoint {
  // No permessage-deflate: frames written beside ws (frame.ts) rely on ws never holding one back.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  const rooms = new RoomManager(options.storage, (message, error) => log.error(message, {}, error), options.spool, options.roomHooks, options.cluster?.ownership);
  const cluster = options.cluster;
  // The 101 answer carries the connection's request id (server.ts stamps it on the upgrade).
  wss.on("headers", (headers, req) => {
    const id = requestIdOf(req);
    if (id) headers.push(`${REQUEST_ID_HEADER}: ${id}`);
  });
  const allowed = new Set(options.allowedOrigins);
  const alive = new WeakSet<WebSocket>();
  /** Open connections per notebook, with the upgrade request their rights were decided on. */
  const open = new Map<string, Set<{ ws: WebSocket; req: IncomingMessage; write: boolean; sessionId: string | null }>>();
  /** Connections per client address, counted from the upgrade until the socket closes. */
  const perAddress = new Map<string, number>();
  const addressOf = options.addressOf ?? ((req: IncomingMessage) => req.socket.remoteAddress ?? "unknown");
  const release = (address: string) => {
    const left = (perAddress.get(address) ?? 1) - 1;
    if (left > 0) perAddress.set(address, left);
    else perAddress.delete(address);
  };
  let closed = false;
  /** Sockets this edge pipes to another instance (ADR 0007). */
  const forwards = new Set<{ notebookId: string; address: string; client: WebSocket; upstream: WebSocket }>();
  // Forwarded sockets follow the lease: one piped to an instance that no longer holds it is closed,
  // and its client reconnects to the new owner.
  const followLeases = cluster
    ? setInterval(() => {
        if (forwards.size === 0) return;
        const ids = [...new Set([...forwards].map((f) => f.notebookId))];
        cluster.ownership.holders(ids).then(
          (holders) => {
            for (const forward of forwards) {
              if (holders.get(forward.notebookId) === forward.address) continue;
              forwards.delete(forward);
              forward.upstream.terminate();
              if (forward.client.readyState === forward.client.OPEN) forward.client.close(CLOSE.goingAway, "the notebook moved");
            }
          },
          () => undefined,
        );
      }, FOLLOW_LEASES_MS)
    : null;
  followLeases?.unref();

  // Pings and keepalives go out a slice of the sockets at a time (sweep.ts).
  const pingIntervalMs = options.pingIntervalMs ?? PING_INTERVAL_MS;
  const heartbeat = new Sweep<WebSocket>(pingIntervalMs, slicesOf(pingIntervalMs), (ws) => {
    if (!alive.has(ws)) {
      ws.close(CLOSE.timeout, "no answer to ping");
      ws.terminate();
      return;
    }
    alive.delete(ws);
    ws.ping();
  });

  const keepaliveMs = options.keepaliveMs ?? KEEPALIVE_MS;
  const keepalive = new Sweep<WebSocket>(keepaliveMs / 2, slicesOf(keepaliveMs / 2), (ws) => {
    if (Date.now() - (lastSent.get(ws) ?? 0) >= keepaliveMs) sendTo(ws, KEEPALIVE_FRAME);
  });

  /**
   * Connects `ws` to its notebook: to the room here, or (at the edge, `forwarded` false) through a
   * socket to the instance that serves it. Frames that arrive meanwhile are kept and replayed.
   */
  async function attach(ws: WebSocket, notebookId: string, access: ConnectionAccess, forwarded: boolean): Promise<void> {
    let sink: ((data: Buffer) => void) | null = null;
    let onClose: () => void = () => undefined;
    const early: Buffer[] = [];
    ws.on("message", (data: Buffer) => (sink ? sink(data) : early.push(data)));
    heartbeat.add(ws);
    keepalive.add(ws);
    ws.on("close", () => {
      heartbeat.delete(ws);
      keepalive.delete(ws);
      onClose();
    });
    // The ws library has already started the close that fits the error (1009 for a frame over
    // maxPayload) when it emits one; terminating here would cut that close frame off (1006).
    ws.on("error", () => undefined);
    ws.on("pong", () => alive.add(ws));
    alive.add(ws);
    const giveUpAt = Date.now() + (cluster?.forwardPatienceMs ?? 10_000);
    for (;;) {
      const found = await rooms.locate(notebookId);
      if (!found) return ws.close(CLOSE.goingAway, "notebook is gone");
      if (isElsewhere(found)) {
        // A forwarded socket reached an instance that no longer serves the room: the edge retries.
        if (forwarded || !cluster) return ws.close(CLOSE.goingAway, "the notebook moved");
        const header = signForward(cluster.forwardKey, { notebookId, write: access.write, teacher: access.teacher === true, editsLocked: access.editsLocked === true });
        const toClient = (data: Buffer, binary: boolean) => sendTo(ws, data, binary);
        const upstream = await connectToOwner(found.elsewhere, notebookId, header, toClient).catch(() => null);
        if (ws.readyState !== ws.OPEN) return upstream?.terminate();
        if (!upstream) {
          // The owner is unreachable (it died; its lease has not expired yet): ask again shortly.
          if (Date.now() > giveUpAt) return ws.close(CLOSE.goingAway, "the notebook's server is unreachable");
          await new Promise((resolve) => setTimeout(resolve, FORWARD_RETRY_MS));
          continue;
        }
        pipe(ws, upstream);
        const forward = { notebookId, address: found.elsewhere, client: ws, upstream };
        forwards.add(forward);
        upstream.once("close", () => forwards.delete(forward));
        sink = (data) => upstream.send(data);
        onClose = () => {
          forwards.delete(forward);
          upstream.close();
        };
        for (const data of early) upstream.send(data);
        return;
      }
      if (found.isClosing || found.isClosed) continue;
      const room: Room = found;
      const peer = peerFor(ws, access);
      room.join(peer);
      if (ws.readyState !== ws.OPEN) return room.leave(peer);
      sink = (data) => room.receive(peer, new Uint8Array(data));
      onClose = () => room.leave(peer);
      for (const data of early) room.receive(peer, new Uint8Array(data));
      return;
    }
  }

  /** When the owner's side of a forwarded socket closes, the client is told why. */
  function pipe(client: WebSocket, upstream: WebSocket): void {
    upstream.on("error", () => undefined);
    upstream.on("close", (code: number, reason: Buffer) => {
      // The owner's own decisions (access changed, a rejected update) pass through; anything else
      // (it stopped, died, gave the room up) means "reconnect", which finds the room's new owner.
      const passed = code >= 4000 && code < 5000 ? code : CLOSE.goingAway;
      if (client.readyState === client.OPEN) client.close(passed, passed === code ? reason.toString() : "the notebook's server went away");
    });
  }

  /** A socket another instance forwarded here with its access signed (ADR 0007). */
  function acceptForwarded(req: IncomingMessage, socket: Duplex, head: Buffer, header: string | string[]): void {
    const notebookId = notebookIdFromPath(req.url ?? "");
    const access = cluster && typeof header === "string" && notebookId ? verifyForward(cluster.forwardKey, header, notebookId) : null;
    if (!access) return refuse(socket, 403, "Forbidden");
    wss.handleUpgrade(req, socket, head, (ws) => {
      rawSockets.set(ws, socket);
      attach(ws, notebookId, { write: access.write, teacher: access.teacher, editsLocked: access.editsLocked }, true).catch((error: unknown) => {
        log.error(`Joining notebook ${notebookId} (forwarded) failed`, { requestId: requestIdOf(req), notebookId }, error);
        ws.close(CLOSE.goingAway, "could not open the notebook");
      });
    });
  }

  return {
    rooms,
    get forwarding() {
      return forwards.size;
    },
    matches: (req) => (req.url ?? "").startsWith(COLLAB_PATH),
    handleUpgrade(req, socket, head) {
      if (closed) return refuse(socket, 503, "Service Unavailable");
      const forwardedHeader = req.headers[FORWARD_HEADER];
      if (forwardedHeader !== undefined) return acceptForwarded(req, socket, head, forwardedHeader);
      const origin = req.headers.origin;
      if (!origin || !allowed.has(origin)) return refuse(socket, 403, "Forbidden");
      const notebookId = notebookIdFromPath(req.url ?? "");
      if (!notebookId) return refuse(socket, 404, "Not Found");
      // A page of another protocol version is told so in a close code it acts on (it reloads).
      const version = requestedProtocolVersion((req.url ?? "").split("?")[1] ?? "");
      if (version !== COLLAB_PROTOCOL_VERSION) {
        return wss.handleUpgrade(req, socket, head, (ws) => ws.close(CLOSE.protocolVersion, `this server speaks protocol version ${COLLAB_PROTOCOL_VERSION}`));
      }
      const address = addressOf(req);
      const held = perAddress.get(address) ?? 0;
      if (options.socketsPerAddress !== undefined && held >= options.socketsPerAddress) return refuse(socket, 429, "Too Many Requests");
      perAddress.set(address, held + 1);
      // The socket closes once, however the connection ends (refused, failed, or closed by either side).
      socket.once("close", () => release(address));
      options
        .authorize(notebookId, req)
        .then((access) => {
          if (!access) return refuse(socket, 404, "Not Found");
          wss.handleUpgrade(req, socket, head, (ws) => {
            rawSockets.set(ws, socket);
            const entry = { ws, req, write: access.write, sessionId: access.sessionId ?? null };
            let set = open.get(notebookId);
            if (!set) open.set(notebookId, (set = new Set()));
            set.add(entry);
            connectionOpened();
            // In production, a line when the socket opens and one when it closes, under its request id.
            const socketLog = structured() ? log.with({ requestId: requestIdOf(req), notebookId }) : null;
            socketLog?.info("socket opened", { write: access.write });
            ws.on("close", (code) => {
              connectionClosed();
              socketLog?.info("socket closed", { code });
              set.delete(entry);
              if (set.size === 0 && open.get(notebookId) === set) open.delete(notebookId);
            });
            attach(ws, notebookId, access, false).catch((error: unknown) => {
              log.error(`Joining notebook ${notebookId} failed`, { requestId: requestIdOf(req), notebookId }, error);
              ws.close(CLOSE.goingAway, "could not open the notebook");
            });
          });
        })
        .catch((error: unknown) => {
          log.error(`Collaboration upgrade for notebook ${JSON.stringify(notebookId)} failed`, { requestId: requestIdOf(req) }, error);
          refuse(socket, 500, "Internal Server Error");
        });
    },
    closeSession(sessionId) {
      for (const set of open.values()) {
        for (const entry of set) if (entry.sessionId === sessionId) entry.ws.close(CLOSE.accessChanged, "signed out");
      }
    },
    async commentsChanged(notebookId) {
      (await rooms.openRoom(notebookId))?.commentsChanged();
    },
    async titleChanged(notebookId, title) {
      (await rooms.openRoom(notebookId))?.titleChanged(title);
    },
    async progressChanged(notebookId) {
      (await rooms.openRoom(notebookId))?.progressChanged();
    },
    async reauthorize(notebookId) {
      const entries = [...(open.get(notebookId) ?? [])];
      await Promise.all(
        entries.map(async ({ ws, req, write }) => {
          const access = await options.authorize(notebookId, req).catch(() => null);
          if (access === null || access.write !== write) ws.close(CLOSE.accessChanged, "access changed");
        }),
      );
    },
    async close() {
      if (closed) return;
      closed = true;
      heartbeat.stop();
      keepalive.stop();
      if (followLeases) clearInterval(followLeases);
      await rooms.closeAll();
      for (const forward of forwards) forward.upstream.terminate();
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
