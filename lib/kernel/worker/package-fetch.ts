/**
 * Watches the worker's downloads from the package source, so a cell can say what it is loading
 * and how big it is ("Loading numpy (3.2 MB)…"), and a failure can be told to the learner.
 *
 * Pyodide downloads wheels with the global `fetch(url, { integrity })` (pyodide.mjs,
 * getBinaryResponse) and offers no progress hook. With `integrity`, the browser hands over the
 * response only once the whole body has arrived and been checked, so nothing is known until the
 * end. For URLs under the package base, this wrapper therefore fetches without `integrity`, reads
 * the size from Content-Length (a CORS-safelisted header) as soon as the headers arrive, then
 * reads the body and checks its SHA-256 itself, exactly as the browser would have, before handing
 * Pyodide a response. Every other URL (the user's own fetches, PyPI for micropip) passes through
 * untouched. Without WebCrypto (a page on plain http that is not localhost), `integrity` is
 * passed on and only the name is reported.
 *
 * A source that does not answer at all is given up on after HEADERS_TIMEOUT_MS: downloads of any
 * size may take as long as they need once the headers have arrived.
 */
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

function base64(bytes: ArrayBuffer): string {
  let text = "";
  for (const byte of new Uint8Array(bytes)) text += String.fromCharCode(byte);
  return btoa(text);
}

/** Whether `bytes` match an SRI string ("sha256-<base64>", possibly several, space-separated). */
async function matchesIntegrity(bytes: ArrayBuffer, integrity: string): Promise<boolean> {
  const wanted = integrity.split(/\s+/).filter((s) => s.startsWith("sha256-"));
  if (wanted.length === 0) return true; // no algorithm we check: as the browser, accept
  const digest = `sha256-${base64(await crypto.subtle.digest("SHA-256", bytes))}`;
  return wanted.includes(digest);
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
  const canCheck = typeof crypto !== "undefined" && crypto.subtle !== undefined;

  async function watched(input: Parameters<Fetch>[0], init?: RequestInit): Promise<Response> {
    const url = new URL(urlOf(input), scope.location?.href).href;
    if (!url.startsWith(base)) return original.call(globalThis, input, init);
    const fileName = decodeURIComponent(url.slice(base.length).split(/[?#]/)[0] ?? "");
    const integrity = init?.integrity ?? "";
    const checkHere = canCheck && integrity !== "";
    // Left to the browser, the check hides the headers until the end: report the name only.
    const leftToBrowser = integrity !== "" && !checkHere;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), HEADERS_TIMEOUT_MS);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout.signal]) : timeout.signal;
    let response: Response;
    try {
      if (leftToBrowser) events.loading(fileName, null);
      response = await original.call(globalThis, url, { ...init, integrity: leftToBrowser ? integrity : "", signal });
    } catch (error) {
      // Left to the browser, an integrity failure also lands here; it cannot be told apart.
      events.failed(fileName, "unreachable");
      throw error;
    } finally {
      clearTimeout(timer);
    }
    if (!response.ok) {
      events.failed(fileName, "refused");
      return response;
    }
    if (leftToBrowser) return response;
    const length = Number(response.headers.get("content-length"));
    events.loading(fileName, Number.isSafeInteger(length) && length > 0 ? length : null);
    if (!checkHere) return response;
    let bytes: ArrayBuffer;
    try {
      bytes = await response.arrayBuffer();
    } catch (error) {
      events.failed(fileName, "unreachable");
      throw error;
    }
    if (!(await matchesIntegrity(bytes, integrity))) {
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
