/**
 * The kernel frame's boundary (docs/adr/0005-kernel-origin.md): Python runs in a worker that a
 * sandboxed frame starts, so cell code has an opaque origin of its own and none of the person's
 * session. Three parties speak here:
 *
 *   page  -> frame   window messages: start the worker, Stop, an input() answer (the shared
 *                    buffers live in the frame: shared memory cannot cross to an opaque origin).
 *   frame -> worker  one `connect`: the page's port and the frame's shared buffers.
 *   worker <-> page  the port: the kernel protocol (../protocol.ts) and the host services below,
 *                    the page fetching the kernel's public files for it (the page's HTTP cache
 *                    persists; an opaque frame's is new on every load) and keeping its start-up
 *                    snapshot (Cache Storage is denied in an opaque origin).
 *
 * Nothing that comes from the worker is trusted: cell code can post on the port too. The page
 * fetches only under the kernel's public prefixes, without credentials, and keeps a snapshot only
 * while the worker boots, before any cell code can run.
 */

/** Where the app serves the frame document and its script (lib/server/http/output-frame.ts, kernel-assets.ts). */
export const KERNEL_FRAME_PATH = "/kernel/frame";
export const KERNEL_FRAME_SCRIPT = "/kernel/frame.js";

/** Where the app serves the prebuilt start-up snapshot; it also names this browser's copy. */
export const SNAPSHOT_PREFIX = "/kernel/snapshots/";

export function snapshotPath(key: string): string {
  return `${SNAPSHOT_PREFIX}${encodeURIComponent(key)}.snapshot`;
}

/** A snapshot key as the worker makes it (worker/snapshot-key.ts); anything else is refused. */
export const SNAPSHOT_KEY = /^[A-Za-z0-9._-]{1,200}$/;

// ---- page -> frame (window.postMessage, the port transferred with `start`) ----

export interface FrameStart {
  readonly type: "tandem-kernel:start";
  /** The worker's script (public/kernel/worker.js, a classic script), fetched by the page. */
  readonly source: string;
  readonly name: string;
}

export interface FrameInterrupt {
  readonly type: "tandem-kernel:interrupt";
}

/** The answer to the pending input(); null is end of input. */
export interface FrameInput {
  readonly type: "tandem-kernel:input";
  readonly text: string | null;
}

export type PageToFrame = FrameStart | FrameInterrupt | FrameInput;

// ---- frame -> page ----

/** The worker failed (a script error, or it could not start). */
export interface FrameError {
  readonly type: "tandem-kernel:error";
  readonly message: string;
}

export type FrameToPage = FrameError;

// ---- frame -> worker ----

export interface WorkerConnect {
  readonly type: "tandem-kernel:connect";
  readonly port: MessagePort;
  /** The frame's shared buffers (null where the frame is not cross-origin isolated). */
  readonly interruptBuffer: SharedArrayBuffer | null;
  readonly inputBuffer: SharedArrayBuffer | null;
}

// ---- worker -> page, over the port (besides the kernel protocol) ----

/** Fetch a public file for the worker: Pyodide's runtime, a package, the prebuilt snapshot. */
export interface AssetRequest {
  readonly type: "host:asset";
  readonly requestId: number;
  readonly url: string;
  /** Subresource integrity to check, as fetch's `integrity` ("" for none). */
  readonly integrity: string;
}

/** The stored start-up snapshot for `key`, or the app's prebuilt one. Only while booting. */
export interface SnapshotFind {
  readonly type: "host:snapshot-find";
  readonly requestId: number;
  readonly key: string;
}

/** Keep this start-up snapshot (dropping others). Only while booting. */
export interface SnapshotSave {
  readonly type: "host:snapshot-save";
  readonly key: string;
  readonly bytes: Uint8Array;
}

/** The stored snapshot did not restore: forget it. Only while booting. */
export interface SnapshotDiscard {
  readonly type: "host:snapshot-discard";
  readonly key: string;
}

export type HostRequest = AssetRequest | SnapshotFind | SnapshotSave | SnapshotDiscard;

export function isHostRequest(value: unknown): value is HostRequest {
  if (typeof value !== "object" || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === "host:asset" || type === "host:snapshot-find" || type === "host:snapshot-save" || type === "host:snapshot-discard";
}

// ---- page -> worker, over the port ----

/** The response's head, as soon as it arrived (a package's size is shown while it downloads). */
export interface AssetHead {
  readonly type: "host:asset-head";
  readonly requestId: number;
  readonly status: number;
  readonly statusText: string;
  readonly headers: readonly (readonly [string, string])[];
}

/** The whole body (transferred), or why there is none; ends a request. */
export interface AssetBody {
  readonly type: "host:asset-body";
  readonly requestId: number;
  readonly bytes: ArrayBuffer | null;
  /** Set when the fetch failed or was refused: the worker's fetch rejects with it. */
  readonly error: string | null;
}

/** What `find` found: `source` now, the bytes in a `host:snapshot-bytes` that follows. */
export interface SnapshotFound {
  readonly type: "host:snapshot-found";
  readonly requestId: number;
  readonly source: "stored" | "prebuilt" | null;
}

export interface SnapshotBytes {
  readonly type: "host:snapshot-bytes";
  readonly requestId: number;
  readonly bytes: ArrayBuffer | null;
}

export type HostReply = AssetHead | AssetBody | SnapshotFound | SnapshotBytes;

export function isHostReply(value: unknown): value is HostReply {
  if (typeof value !== "object" || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === "host:asset-head" || type === "host:asset-body" || type === "host:snapshot-found" || type === "host:snapshot-bytes";
}
