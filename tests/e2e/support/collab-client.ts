/**
 * Real y-websocket clients (the same WebsocketProvider the browser uses) for Node-side tests of the
 * collaboration server, with the Origin header a browser would send.
 */
import WebSocket from "ws";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";

export function originWebSocket(origin: string, cookie?: string): typeof globalThis.WebSocket {
  class OriginWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { Origin: origin, ...(cookie ? { Cookie: cookie } : {}) } });
    }
  }
  return OriginWebSocket as unknown as typeof globalThis.WebSocket;
}

/** A client of the notebook's room; `cookie` signs it in as a browser's session would. */
export function connectClient(baseUrl: string, notebookId: string, cookie?: string): { doc: Y.Doc; provider: WebsocketProvider } {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, "ws")}/collab`, notebookId, doc, {
    WebSocketPolyfill: originWebSocket(baseUrl, cookie),
    disableBc: true,
    maxBackoffTime: 300,
  });
  return { doc, provider };
}

export function whenSynced(provider: WebsocketProvider, timeoutMs = 15_000): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("not synced in time")), timeoutMs);
    provider.once("sync", (synced: boolean) => {
      if (synced) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}

/** Polls `check` until it returns true. */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function createNotebook(baseUrl: string, body: Record<string, string> = {}): Promise<{ id: string; slug: string }> {
  const res = await fetch(`${baseUrl}/api/notebooks`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: baseUrl },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`creating a notebook failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string; slug: string };
}
