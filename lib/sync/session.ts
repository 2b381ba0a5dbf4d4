/**
 * A notebook editing session in the browser: the live Y.Doc, its transport and its local copy.
 *
 * The document starts from the state the server rendered the page with, so the notebook shows at
 * once. Then two things attach to it, and neither ever blocks typing:
 *
 * - y-indexeddb keeps the document in this browser under the notebook's id. Edits made offline or
 *   while the server restarts survive a reload, and are merged into the server's state when the
 *   connection returns (Yjs updates commute, so the order of arrival does not matter).
 * - y-websocket's provider syncs with the app's collaboration endpoint (/collab/<notebookId>) and
 *   carries presence (awareness), and the server's word that the comments changed or the
 *   notebook was renamed (notebook-signals.ts). It reconnects by itself with a capped backoff,
 *   and also when the server has said nothing for SILENCE_LIMIT_MS (it sends a keepalive on a
 *   quiet connection): a server that froze keeps the socket open without ever closing it.
 *
 * Local edits carry `origin` (a `user` origin of this tab), or the editor binding's own origin for
 * typing (see lib/editor/collab.ts); `undo` is this tab's notebook-level undo manager. The session
 * owns every listener it adds and `dispose()` removes them all; it is safe to call twice.
 */
import * as decoding from "lib0/decoding";
import * as Y from "yjs";
import { Awareness } from "y-protocols/awareness";
import { WebsocketProvider } from "y-websocket";
import { IndexeddbPersistence } from "y-indexeddb";
import { LOAD, userOrigin, type Origin } from "../notebook/origins";
import { createUndoManager, type NotebookUndoManager } from "../notebook/undo";
import type { PresenceUser } from "../protocol/presence";
import { guardRemotePresence, initPresence } from "./presence";
import {
  connectionStatus,
  INITIAL_TRACKER,
  OFFLINE_AFTER_MS,
  reduceConnection,
  type ConnectionEvent,
  type ConnectionStatus,
} from "./status";
import { createStore, type ReadableStore } from "../util/store";
import { collabServerUrl } from "./url";
import { commentsChanged, progressChanged, titleChanged } from "./notebook-signals";
import {
  CLOSE,
  COLLAB_PROTOCOL_VERSION,
  COLLAB_VERSION_PARAM,
  MESSAGE_COMMENTS_CHANGED,
  MESSAGE_KEEPALIVE,
  MESSAGE_PROGRESS_CHANGED,
  MESSAGE_TITLE_CHANGED,
  SILENCE_LIMIT_MS,
} from "../protocol/collab";


export interface NotebookSessionOptions {
  notebookId: string;
  /** The document's state when the page was rendered (one Yjs update). */
  initialState: Uint8Array;
  user: PresenceUser;
  /** The collaboration server URL without the room; defaults to this page's origin + /collab. */
  serverUrl?: string;
  /** Keep a copy in IndexedDB (default true). */
  persist?: boolean;
  /** A WebSocket implementation where there is no global one (tests under Node). */
  WebSocketPolyfill?: typeof WebSocket;
  /**
   * The server closed the connection because this visitor's rights changed (sharing, the trash),
   * or because it speaks another protocol version: the page should load the notebook again.
   */
  onAccessChanged?: () => void;
  /** A connection the server said nothing on for this long is opened again (default SILENCE_LIMIT_MS). */
  silenceLimitMs?: number;
}

export interface NotebookSession {
  readonly notebookId: string;
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  /** The origin of this tab's commands. */
  readonly origin: Origin;
  /** This tab's undo manager: only its own changes, commands and typing alike. */
  readonly undo: NotebookUndoManager;
  readonly status: ReadableStore<ConnectionStatus>;
  /** Stops syncing and releases everything. Safe to call twice. */
  dispose(): void;
}

/** The IndexedDB database name of a notebook's local copy. */
export function localCopyName(notebookId: string): string {
  return `tandem:notebook:${notebookId}`;
}

function randomSessionId(): string {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** How many items `doc` has beyond the state vector `since` (about one per typed character). */
function itemsSince(doc: Y.Doc, since: Map<number, number>): number {
  let count = 0;
  Y.decodeStateVector(Y.encodeStateVector(doc)).forEach((clock, client) => {
    count += Math.max(0, clock - (since.get(client) ?? 0));
  });
  return count;
}

export function createNotebookSession(options: NotebookSessionOptions): NotebookSession {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, options.initialState, LOAD);
  const origin = userOrigin(randomSessionId());
  const undo = createUndoManager(doc, origin);
  const awareness = new Awareness(doc);
  const unguard = guardRemotePresence(awareness);
  initPresence(awareness, options.user);

  let tracker = INITIAL_TRACKER;
  const status = createStore<ConnectionStatus>(
    connectionStatus(tracker),
    (a, b) => a.state === b.state && a.unsent === b.unsent,
  );
  const dispatch = (event: ConnectionEvent) => {
    tracker = reduceConnection(tracker, event);
    status.set(connectionStatus(tracker));
  };
  const disposers: (() => void)[] = [unguard];

  // The browser's copy. What it holds beyond the page's state never reached the server.
  let local: IndexeddbPersistence | null = null;
  if (options.persist !== false && typeof indexedDB !== "undefined") {
    const pageState = Y.decodeStateVector(Y.encodeStateVector(doc));
    const pageSnapshot = Y.snapshot(doc);
    const persistence = new IndexeddbPersistence(localCopyName(options.notebookId), doc);
    local = persistence;
    persistence.on("synced", () => {
      const extra = itemsSince(doc, pageState);
      const count = extra > 0 ? extra : Y.equalSnapshots(pageSnapshot, Y.snapshot(doc)) ? 0 : 1;
      dispatch({ type: "restored", count });
    });
    disposers.push(() => void persistence.destroy());
  }

  const serverUrl = options.serverUrl ?? collabServerUrl(globalThis.location);
  const provider = new WebsocketProvider(serverUrl, encodeURIComponent(options.notebookId), doc, {
    awareness,
    params: { [COLLAB_VERSION_PARAM]: String(COLLAB_PROTOCOL_VERSION) },
    ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
  });
  disposers.push(() => provider.destroy());

  let offlineTimer: ReturnType<typeof setTimeout> | null = null;
  const clearOfflineTimer = () => {
    if (offlineTimer !== null) clearTimeout(offlineTimer);
    offlineTimer = null;
  };
  disposers.push(clearOfflineTimer);

  // The server says the comments changed; after a reconnect they may have, unseen.
  provider.messageHandlers[MESSAGE_COMMENTS_CHANGED] = () => commentsChanged.announce(options.notebookId);
  // Someone renamed the notebook (the decoder stands after the message's type).
  provider.messageHandlers[MESSAGE_TITLE_CHANGED] = (_encoder, decoder) => titleChanged.announce(options.notebookId, decoding.readVarString(decoder));
  provider.messageHandlers[MESSAGE_PROGRESS_CHANGED] = () => progressChanged.announce(options.notebookId);
  // Every message counts as a sign of life (the provider stamps its arrival); this one is only that.
  provider.messageHandlers[MESSAGE_KEEPALIVE] = () => undefined;
  const silenceLimit = options.silenceLimitMs ?? SILENCE_LIMIT_MS;
  // A connection that opened and then went silent, or one that never opens (a frozen server's
  // kernel still accepts it), is closed and opened again at once, without the backoff.
  let connectingSince: number | null = null;
  provider.on("status", ({ status: socket }) => void (connectingSince = socket === "connecting" ? Date.now() : null));
  const watchdog = setInterval(() => {
    const now = Date.now();
    const silent = provider.wsconnected && now - provider.wsLastMessageReceived > silenceLimit;
    const stuck = provider.wsconnecting && connectingSince !== null && now - connectingSince > silenceLimit;
    if (!silent && !stuck) return;
    provider.disconnect();
    provider.connect();
  }, Math.min(1_000, silenceLimit / 4));
  disposers.push(() => clearInterval(watchdog));
  let everConnected = false;
  provider.on("status", ({ status: socket }) => {
    dispatch({ type: "socket", status: socket });
    if (socket === "connected") {
      clearOfflineTimer();
      if (everConnected) commentsChanged.announce(options.notebookId);
      everConnected = true;
    }
    else if (socket === "disconnected" && offlineTimer === null) {
      offlineTimer = setTimeout(() => {
        offlineTimer = null;
        dispatch({ type: "retries-exhausted" });
      }, OFFLINE_AFTER_MS);
    }
  });
  provider.on("sync", (synced) => {
    if (synced) dispatch({ type: "synced" });
  });
  // The server took back an update of ours that broke the notebook's layout or a locked cell
  // (room guard) and closed us with a code the provider treats as final. Reconnecting (with the
  // provider's backoff) syncs the server's repair into our copy, so this tab goes on editing.
  provider.on("closed", ({ code }) => {
    if (code === CLOSE.rejectedUpdate) provider.connect();
  });
  provider.on("connection-close", (event) => {
    // Access changed, or the server speaks another protocol version (a deployment since this page
    // loaded): reconnecting would only meet the same answer, so the page reloads.
    if (event?.code !== CLOSE.accessChanged && event?.code !== CLOSE.protocolVersion) return;
    provider.shouldConnect = false;
    options.onAccessChanged?.();
  });

  const onUpdate = (_update: Uint8Array, from: unknown) => {
    if (from === provider || from === local || from === LOAD) return;
    dispatch({ type: "local-change" });
  };
  doc.on("update", onUpdate);
  disposers.push(() => doc.off("update", onUpdate));

  if (typeof window !== "undefined" && typeof window.addEventListener === "function") {
    const online = () => {
      dispatch({ type: "network", online: true });
      // Retry at once instead of waiting out the backoff.
      if (!provider.wsconnected) provider.connect();
    };
    const offline = () => dispatch({ type: "network", online: false });
    if (navigator.onLine === false) offline();
    window.addEventListener("online", online);
    window.addEventListener("offline", offline);
    disposers.push(() => {
      window.removeEventListener("online", online);
      window.removeEventListener("offline", offline);
    });
  }

  let disposed = false;
  return {
    notebookId: options.notebookId,
    doc,
    awareness,
    origin,
    undo,
    status,
    dispose() {
      if (disposed) return;
      disposed = true;
      // Last in, first out: the provider says goodbye (awareness null) before the doc goes.
      for (const dispose of disposers.reverse()) dispose();
      awareness.destroy();
      undo.dispose();
      doc.destroy();
    },
  };
}
