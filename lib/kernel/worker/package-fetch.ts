/**
 * Watches the worker's downloads from the package source, so a cell can say what it is loading
 * and how big it is ("Loading numpy (3.2 MB)…"), and a failure can be told to the learner.
 *
 * Pyodide downloads wheels with the global `fetch(url, { integrity })` (pyodide.mjs,
 * getBinaryResponse) and offers no progress hook. With `integrity`, the browser hands over the
 * response only once the whole body has arrived and been checked, so nothing is known until the
 * end. For URLs under the package base, this wrapper therefore reads the size from Content-Length
 * (a CORS-safelisted header) as soon as the headers arrive, then reads the body and checks its
 * SHA-256 itself (../integrity.ts), exactly as the browser would have, before handing Pyodide a
 * response. A kernel frame's worker has no WebCrypto (its blob: URL in an opaque origin is not a
 * secure context), so there `integrity` goes on to the page, which fetches for it and checks the
 * same way after sending the head (lib/kernel/host-services.ts). Every other URL (the user's own
 * fetches, PyPI for micropip) passes through untouched.
 *
 * A source that does not answer at all is given up on after HEADERS_TIMEOUT_MS: downloads of any
 * size may take as long as they need once the headers have arrived.
 */
import { canCheckIntegrity, matchesIntegrity } from "../integrity";
import type { PackageFailure } from "./packages";

export const HEADERS_TIMEOUT_MS = 20_000;

type Fetch = typeof fetch;

export interface PackageFetchEvents {
  /** A file's download has started; `bytes` from Content-Length, null when not given. */
  loading(fileName: string, bytes: number | null): void;
  failed(fileName: string, failure: PackageFailure): void;
}

export interface FetchScope {
  fetch: Fetch;
  readonly location?: { readonly href: string };
}

function urlOf(input: Parameters<Fetch>[0]): string {
  if (typeof input === "string") return input;
  if (input instanceof URL) return input.href;
  return input.url;
}

/**
 * Replaces `scope.fetch` with the watching wrapper for files under `baseUrl` (resolved against the
 * worker's location). Returns a function that puts the original back.
 */
export function watchPackageFetches(scope: FetchScope, baseUrl: string, events: PackageFetchEvents): () => void {
  const original = scope.fetch;
  let base: string;
  try {
    base = new URL(baseUrl, scope.location?.href).href;
  } catch {
    return () => {}; // a relative base without a location (Node): nothing to watch
  }
  const canCheck = canCheckIntegrity();

  async function watched(input: Parameters<Fetch>[0], init?: RequestInit): Promise<Response> {
    const url = new URL(urlOf(input), scope.location?.href).href;
    if (!url.startsWith(base)) return original.call(globalThis, input, init);
    const fileName = decodeURIComponent(url.slice(base.length).split(/[?#]/)[0] ?? "");
    const integrity = init?.integrity ?? "";
    // Checked here when this context can; else it goes on with the request, to whoever fetches
    // (the page, for a kernel frame's worker: lib/kernel/host-services.ts, which sends the head first).
    const checkHere = canCheck && integrity !== "";
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), HEADERS_TIMEOUT_MS);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout.signal]) : timeout.signal;
    let response: Response;
    try {
      response = await original.call(globalThis, url, { ...init, integrity: checkHere ? "" : integrity, signal });
    } catch (error) {
      // A browser's own integrity check failing also lands here; it cannot be told apart.
      events.failed(fileName, "unreachable");
      throw error;
    } finally {
      clearTimeout(timer);
    }
    if (!response.ok) {
      events.failed(fileName, "refused");
      return response;
    }
    const length = Number(response.headers.get("content-length"));
    events.loading(fileName, Number.isSafeInteger(length) && length > 0 ? length : null);
    let bytes: ArrayBuffer;
    try {
      bytes = await response.arrayBuffer();
    } catch (error) {
      events.failed(fileName, error instanceof Error && /integrity/i.test(error.message) ? "corrupt" : "unreachable");
      throw error;
    }
    if (checkHere && !(await matchesIntegrity(bytes, integrity))) {
      events.failed(fileName, "corrupt");
      throw new TypeError(`${fileName} does not match its integrity ${integrity}`);
    }
    return new Response(bytes, { status: response.status, statusText: response.statusText, headers: response.headers });
  }

  scope.fetch = watched as Fetch;
  return () => {
    if (scope.fetch === watched) scope.fetch = original;
  };
}

/**
 * A mirror's own lock file, or null (with a warning) when it cannot be read: the kernel then
 * starts with the bundled one, so a mirror that is down costs its packages, not Python.
 */
export async function readSourceLock(baseUrl: string, scope: FetchScope, lockFile: string): Promise<string | null> {
  try {
    const url = new URL(lockFile, new URL(baseUrl, scope.location?.href));
    const response = await scope.fetch.call(globalThis, url, { signal: AbortSignal.timeout(HEADERS_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`${url.href} answered ${response.status}`);
    const text = await response.text();
    const lock: unknown = JSON.parse(text);
    if (typeof lock !== "object" || lock === null || typeof (lock as { packages?: unknown }).packages !== "object") {
      throw new Error(`${url.href} is not a Pyodide lock file`);
    }
    return text;
  } catch (error) {
    console.warn("Tandem kernel: the package source's lock file could not be read; using the bundled one.", error);
    return null;
  }
}
