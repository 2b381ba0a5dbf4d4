/**
 * The browser's start-up snapshot store (snapshot.ts): one entry in Cache Storage, named by the
 * Pyodide version and the helpers' hash. Saving drops every other entry, so an upgrade leaves no
 * 30 MB orphan behind. Where Cache Storage is missing (an insecure origin) there is no store.
 */
import type { SnapshotStore } from "./snapshot";

export const SNAPSHOT_CACHE = "tandem-kernel-snapshots";

export function cacheStorageSnapshots(origin: string, key: string): SnapshotStore | null {
  if (typeof caches === "undefined") return null;
  // Cache Storage keys are requests; this URL is never fetched.
  const url = new URL(`/kernel/snapshots/${encodeURIComponent(key)}`, origin).href;
  const open = () => caches.open(SNAPSHOT_CACHE);
  return {
    async find() {
      const response = await (await open()).match(url);
      return response ? { bytes: response.arrayBuffer().then((buffer) => new Uint8Array(buffer)) } : null;
    },
    async save(bytes) {
      const cache = await open();
      for (const request of await cache.keys()) if (request.url !== url) await cache.delete(request);
      // A copy into a plain ArrayBuffer: BodyInit does not take views of shared memory.
      const body = new Uint8Array(bytes.byteLength);
      body.set(bytes);
      await cache.put(url, new Response(body, { headers: { "content-type": "application/octet-stream" } }));
    },
    async discard() {
      await (await open()).delete(url);
    },
  };
}
