/**
 * The browser's start-up snapshot store (worker/snapshot.ts), kept by the page for its kernel
 * (lib/protocol/kernel-frame.ts: the worker's opaque origin has no Cache Storage): one entry in Cache Storage, named by the
 * Pyodide version and the helpers' hash. Saving drops every other entry, so an upgrade leaves no
 * 30 MB orphan behind. Where Cache Storage is missing (an insecure origin) there is no store.
 *
 * When this browser has none yet, the store offers the app's prebuilt snapshot (made at build
 * time by lib/server/kernel/snapshot.ts and served, brotli-compressed, at the same URL that names the
 * Cache Storage entry), unless the connection says data is dear: about 5 MB to download against
 * about two seconds of CPU to boot Python (BENCHMARKS.md).
 */
import { snapshotPath } from "../protocol/kernel-frame";
import { ownBuffer } from "../util/bytes";

/** Where one snapshot is kept (worker/snapshot.ts has the same shape over the port). */
export interface SnapshotStore {
  find(): Promise<{ readonly bytes: Promise<Uint8Array>; readonly source: "stored" | "prebuilt" } | null>;
  save(bytes: Uint8Array): Promise<void>;
  discard(): Promise<void>;
}

export const SNAPSHOT_CACHE = "tandem-kernel-snapshots";

/** The Network Information API's part used here (Chromium; other browsers have none). */
interface Connection {
  readonly saveData?: boolean;
  readonly effectiveType?: string;
}

/** Whether to download the prebuilt snapshot rather than boot: not with Save-Data or below 4G. */
export function prebuiltWorthIt(connection: Connection | undefined): boolean {
  if (!connection) return true;
  if (connection.saveData === true) return false;
  return connection.effectiveType === undefined || connection.effectiveType === "4g";
}

async function download(url: string): Promise<{ readonly bytes: Promise<Uint8Array> } | null> {
  const response = await fetch(url);
  if (!response.ok) return null;
  return { bytes: response.arrayBuffer().then((buffer) => new Uint8Array(buffer)) };
}

export function cacheStorageSnapshots(origin: string, key: string, connection?: Connection): SnapshotStore | null {
  if (typeof caches === "undefined") return null;
  const url = new URL(snapshotPath(key), origin).href;
  const open = () => caches.open(SNAPSHOT_CACHE);
  return {
    async find() {
      const response = await (await open()).match(url);
      if (response) return { bytes: response.arrayBuffer().then((buffer) => new Uint8Array(buffer)), source: "stored" };
      if (!prebuiltWorthIt(connection)) return null;
      const prebuilt = await download(url).catch(() => null);
      return prebuilt ? { ...prebuilt, source: "prebuilt" } : null;
    },
    async save(bytes) {
      const cache = await open();
      for (const request of await cache.keys()) if (request.url !== url) await cache.delete(request);
      // The bytes as they came over the port, uncopied (BodyInit takes no view of shared memory).
      await cache.put(url, new Response(ownBuffer(bytes), { headers: { "content-type": "application/octet-stream" } }));
    },
    async discard() {
      await (await open()).delete(url);
    },
  };
}
