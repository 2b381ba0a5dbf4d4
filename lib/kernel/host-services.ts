/**
 * The page's services to its kernel worker, over their port (lib/protocol/kernel-frame.ts): fetching the
 * kernel's public files with the page's HTTP cache, and keeping its start-up snapshot in the page's
 * Cache Storage. The worker's opaque origin has neither a cache that outlives the frame nor Cache
 * Storage, and without these Python's 12 MB runtime would be downloaded on every visit.
 *
 * Whatever asks is treated as cell code, which can post on the port as well as the kernel can:
 * - a fetch is made only for a URL under one of `prefixes` (Pyodide's files, the package source,
 *   the prebuilt snapshot), never with credentials, so it returns nothing that cell code could not
 *   fetch itself;
 * - a snapshot is looked up, kept or forgotten only while the worker boots (until `booted`), which
 *   ends before any cell can run: a cell cannot plant a snapshot for the next start.
 */
import type { AssetRequest, HostReply, HostRequest, SnapshotFind } from "../protocol/kernel-frame";
import { SNAPSHOT_KEY } from "../protocol/kernel-frame";
import { canCheckIntegrity, matchesIntegrity } from "./integrity";
import { ownBuffer } from "../util/bytes";
import type { SnapshotStore } from "./snapshot-cache";

/**
 * How long after it arrives a snapshot is written. Handing 30 MB to Cache Storage costs the
 * browser a few hundred ms of CPU; right at `ready` it competes with the first run and with the
 * page still opening (on two cores, visibly).
 */
export const SNAPSHOT_SAVE_DELAY_MS = 2000;

export interface HostPort {
  postMessage(message: HostReply, transfer: Transferable[]): void;
}

export interface HostServicesOptions {
  /** Absolute URL prefixes, each ending in "/", under which the worker's fetches are made. */
  readonly prefixes: readonly string[];
  /** The store for a snapshot key, or null where there is none (no Cache Storage). */
  readonly snapshots: (key: string) => SnapshotStore | null;
  /**
   * Files the worker will ask for, fetched at once: their downloads (or revalidations) overlap the
   * frame's and the worker's start instead of following them. Each is used for its first request.
   */
  readonly prefetch?: readonly string[];
  readonly fetch?: typeof fetch;
  readonly saveDelayMs?: number;
}

export interface HostServices {
  handle(request: HostRequest): void;
  /** The worker said `ready` or `fatal`: from now on, its snapshot requests are ignored. */
  booted(): void;
}

/** `url` if it lies under one of `prefixes` once resolved (dot segments and all), else null. */
export function allowedUrl(url: string, prefixes: readonly string[]): string | null {
  let href: string;
  try {
    href = new URL(url).href;
  } catch {
    return null;
  }
  return prefixes.some((prefix) => prefix.endsWith("/") && href.startsWith(prefix)) ? href : null;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createHostServices(port: HostPort, options: HostServicesOptions): HostServices {
  const fetchImpl = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const delay = options.saveDelayMs ?? SNAPSHOT_SAVE_DELAY_MS;
  let booting = true;
  const prefetched = new Map<string, Promise<Response>>();
  for (const url of options.prefetch ?? []) {
    const allowed = allowedUrl(url, options.prefixes);
    if (allowed === null) continue;
    const response = fetchImpl(allowed, { credentials: "omit" });
    response.catch(() => undefined); // asked for again, it is fetched again
    prefetched.set(allowed, response);
  }

  const fail = (requestId: number, error: string) => port.postMessage({ type: "host:asset-body", requestId, bytes: null, error }, []);

  async function asset({ requestId, url, integrity }: AssetRequest): Promise<void> {
    const allowed = allowedUrl(url, options.prefixes);
    if (allowed === null) return fail(requestId, `The page fetches only the kernel's own files, not ${url}`);
    // Checked here after the head is sent, so the worker can say how big the download is; the
    // browser's own check would hold the head back until the end.
    const checkHere = integrity !== "" && canCheckIntegrity();
    const early = integrity === "" ? prefetched.get(allowed) : undefined;
    prefetched.delete(allowed);
    let response: Response;
    try {
      response = await (early ?? fetchImpl(allowed, { credentials: "omit", ...(integrity && !checkHere ? { integrity } : {}) }));
    } catch (error) {
      return fail(requestId, describe(error));
    }
    port.postMessage({ type: "host:asset-head", requestId, status: response.status, statusText: response.statusText, headers: [...response.headers] }, []);
    try {
      const bytes = await response.arrayBuffer();
      if (checkHere && response.ok && !(await matchesIntegrity(bytes, integrity))) return fail(requestId, `${allowed} does not match its integrity ${integrity}`);
      port.postMessage({ type: "host:asset-body", requestId, bytes, error: null }, [bytes]);
    } catch (error) {
      fail(requestId, describe(error));
    }
  }

  /** The store for a snapshot the worker names, while it boots only (see the module comment). */
  const storeFor = (key: string) => (booting && SNAPSHOT_KEY.test(key) ? options.snapshots(key) : null);

  async function find({ requestId, key }: SnapshotFind): Promise<void> {
    const store = storeFor(key);
    const found = store ? await store.find().catch(() => null) : null;
    port.postMessage({ type: "host:snapshot-found", requestId, source: found?.source ?? null }, []);
    if (!found) return;
    const bytes = await found.bytes.then(ownBuffer, () => null);
    port.postMessage({ type: "host:snapshot-bytes", requestId, bytes }, bytes ? [bytes] : []);
  }

  return {
    handle(request) {
      switch (request.type) {
        case "host:asset":
          void asset(request);
          return;
        case "host:snapshot-find":
          void find(request);
          return;
        case "host:snapshot-save": {
          const store = request.bytes instanceof Uint8Array ? storeFor(request.key) : null;
          if (!store) return;
          const { bytes } = request;
          setTimeout(() => {
            store.save(bytes).catch((error: unknown) => console.warn("Tandem kernel: could not store the start-up snapshot.", error));
          }, delay);
          return;
        }
        case "host:snapshot-discard": {
          storeFor(request.key)?.discard().catch(() => undefined);
          return;
        }
      }
    },
    booted() {
      booting = false;
    },
  };
}
