/**
 * The worker's side of the page's host services (lib/protocol/kernel-frame.ts, ../host-services.ts):
 * `fetch` for the kernel's own files goes through the page, whose HTTP cache outlives this opaque
 * origin's, and the start-up snapshot store is the page's Cache Storage.
 *
 * `pageFetch` resolves as soon as the page has the response's head, with a body that arrives
 * whole after it: the package loader (package-fetch.ts) reads the size from the head while the
 * body downloads. Everything but the files under `routed` prefixes keeps the worker's own fetch:
 * a cell's requests never go through the page.
 */
import type { HostReply, HostRequest } from "../../protocol/kernel-frame";
import { ownBuffer } from "../../util/bytes";
import type { SnapshotStore } from "./snapshot";

export interface HostChannel {
  postMessage(message: HostRequest, transfer?: Transferable[]): void;
}

type Fetch = typeof fetch;

interface PendingAsset {
  readonly head: (response: Response) => void;
  readonly fail: (error: Error) => void;
  /** The body's stream, once the head arrived. */
  controller: ReadableStreamDefaultController<Uint8Array> | null;
}

interface PendingSnapshot {
  readonly found: (source: "stored" | "prebuilt" | null) => void;
  readonly bytes: (bytes: ArrayBuffer | null) => void;
}

/** Statuses whose responses have no body (a Response with one would throw). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

export interface PageHost {
  /** A fetch of `url` through the page (it must lie under the page's prefixes). */
  fetch: Fetch;
  /** The page's snapshot store for `key`. */
  snapshots(key: string): SnapshotStore;
  /** Replaces `scope.fetch` so URLs under `routed` go through the page. */
  route(scope: { fetch: Fetch }, routed: readonly string[]): void;
  /** A reply from the page. */
  handle(reply: HostReply): void;
}

function urlOf(input: Parameters<Fetch>[0]): string {
  return typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
}

export function createPageHost(channel: HostChannel): PageHost {
  let next = 1;
  const assets = new Map<number, PendingAsset>();
  const snapshots = new Map<number, PendingSnapshot>();

  const pageFetch: Fetch = (input, init) => {
    const requestId = next++;
    const signal = init?.signal ?? null;
    return new Promise<Response>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason as Error);
      const pending: PendingAsset = {
        head: resolve,
        fail: (error) => {
          if (pending.controller) pending.controller.error(error);
          else reject(error);
        },
        controller: null,
      };
      assets.set(requestId, pending);
      signal?.addEventListener("abort", () => {
        if (!assets.delete(requestId)) return;
        pending.fail(signal.reason instanceof Error ? signal.reason : new DOMException("Aborted", "AbortError"));
      });
      channel.postMessage({ type: "host:asset", requestId, url: new URL(urlOf(input)).href, integrity: init?.integrity ?? "" });
    });
  };

  function onAsset(reply: Extract<HostReply, { type: "host:asset-head" | "host:asset-body" }>): void {
    const pending = assets.get(reply.requestId);
    if (!pending) return;
    if (reply.type === "host:asset-head") {
      const headers = new Headers(reply.headers.map(([k, v]) => [k, v] as [string, string]));
      const body = NULL_BODY.has(reply.status)
        ? null
        : new ReadableStream<Uint8Array>({
            start(controller) {
              pending.controller = controller;
            },
          });
      pending.head(new Response(body, { status: reply.status, statusText: reply.statusText, headers }));
      if (body === null) assets.delete(reply.requestId);
      return;
    }
    assets.delete(reply.requestId);
    if (reply.error !== null || reply.bytes === null) {
      pending.fail(new TypeError(reply.error ?? "The page could not fetch the file"));
      return;
    }
    if (pending.controller) {
      pending.controller.enqueue(new Uint8Array(reply.bytes));
      pending.controller.close();
    }
  }

  function store(key: string): SnapshotStore {
    return {
      find() {
        const requestId = next++;
        return new Promise((resolve) => {
          let bytes: (value: ArrayBuffer | null) => void = () => {};
          const arrived = new Promise<Uint8Array>((ok, fail) => {
            bytes = (buffer) => (buffer ? ok(new Uint8Array(buffer)) : fail(new Error("The page could not read the start-up snapshot")));
          });
          snapshots.set(requestId, {
            found: (source) => resolve(source ? { source, bytes: arrived } : null),
            bytes,
          });
          channel.postMessage({ type: "host:snapshot-find", requestId, key });
        });
      },
      async save(bytes) {
        // Handed over, not copied, when the snapshot owns its buffer (30 MB, on the way to `ready`):
        // the caller is done with it.
        const buffer = ownBuffer(bytes);
        channel.postMessage({ type: "host:snapshot-save", key, bytes: new Uint8Array(buffer) }, [buffer]);
      },
      async discard() {
        channel.postMessage({ type: "host:snapshot-discard", key });
      },
    };
  }

  return {
    fetch: pageFetch,
    snapshots: store,
    route(scope, routed) {
      const original = scope.fetch;
      const prefixes = routed.filter((prefix) => prefix.endsWith("/"));
      scope.fetch = ((input, init) => {
        let url: string;
        try {
          url = new URL(urlOf(input)).href;
        } catch {
          return original.call(globalThis, input, init);
        }
        return prefixes.some((prefix) => url.startsWith(prefix)) ? pageFetch(url, init) : original.call(globalThis, input, init);
      }) as Fetch;
    },
    handle(reply) {
      switch (reply.type) {
        case "host:asset-head":
        case "host:asset-body":
          onAsset(reply);
          return;
        case "host:snapshot-found": {
          const pending = snapshots.get(reply.requestId);
          pending?.found(reply.source);
          if (reply.source === null) snapshots.delete(reply.requestId);
          return;
        }
        case "host:snapshot-bytes": {
          const pending = snapshots.get(reply.requestId);
          snapshots.delete(reply.requestId);
          pending?.bytes(reply.bytes);
          return;
        }
      }
    },
  };
}
