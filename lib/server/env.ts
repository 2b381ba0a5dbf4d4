/**
 * The server's settings: every environment variable the app reads, parsed and checked in one
 * place (README "Configuration" lists them all; database settings are parsed by db/config.ts).
 * server.ts reads them before anything else, so a bad value stops start-up with a message naming
 * the variable, instead of turning into NaN or a silent default deep inside a route.
 *
 * `settings()` is the one accessor: it parses process.env once per module instance (server.ts and
 * Next's bundle each load this module; both read the same environment, so they agree).
 */

import { availableParallelism, hostname } from "node:os";
import { PYODIDE_CDN_URL } from "../kernel/worker/packages";

/** The environment as read: process.env, or a plain object in tests. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** One CSP source expression: *, 'self', 'none', a scheme ("https:") or a host source. */
const FRAME_SOURCE = /^(\*|'self'|'none'|[a-z][a-z0-9+.-]*:|([a-z][a-z0-9+.-]*:\/\/)?(\*\.)?[a-z0-9.-]+(:(\d{1,5}|\*))?)$/i;

/** The limits an operator can tune; README's security section lists each with its default. */
export interface Limits {
  /** New notebooks (made, copied or imported) per address per 10 minutes. */
  readonly notebookCreate: number;
  /** Tries at a class join code per address per 10 minutes. */
  readonly classJoin: number;
  /** New classes per account per hour. */
  readonly classCreate: number;
  /** Saved versions per account per 10 minutes. */
  readonly versionSave: number;
  /** Guests' comment replies per address per 10 minutes. */
  readonly guestComment: number;
  /** Failed sign-ins per account per 15 minutes. */
  readonly signInAccount: number;
  /** Failed sign-ins per address per 15 minutes. */
  readonly signInAddress: number;
  /** New accounts per address per hour. */
  readonly signUpAddress: number;
  /** Open collaboration connections per address. */
  readonly socketsPerAddress: number;
  /** Largest request body, in bytes, except imports. */
  readonly bodyBytes: number;
  /**
   * The largest notebook, in bytes of its .ipynb file as Tandem writes it (notebookFileBytes,
   * lib/notebook/nbformat/file-size.ts): an import over it is refused, and runs stop keeping
   * outputs before a notebook grows past it, so every export imports again.
   */
  readonly notebookBytes: number;
}

export interface ServerEnv {
  readonly host: string;
  readonly port: number;
  /** Where people reach the app, e.g. http://localhost:3000. */
  readonly publicOrigin: string;
  /** Origins of the app's own pages: the public origin, local spellings of it, and the extra ones. */
  readonly allowedOrigins: readonly string[];
  /**
   * How many reverse proxies of the operator's stand in front of the app (0: none). Each appends
   * the address it saw to X-Forwarded-For, so the client is that many entries from the right.
   */
  readonly trustedProxies: number;
  /** Which sites may frame embeds: a CSP frame-ancestors source list ("*" by default). */
  readonly embedFrameAncestors: string;
  /**
   * Where the kernel gets packages (numpy and friends): a Pyodide package base URL ending in "/",
   * by default the official distribution of the bundled Pyodide on its CDN; null when packages
   * are off (the standard library only). See lib/kernel/worker/packages.ts.
   */
  readonly pyodidePackageUrl: string | null;
  /** Folder of seed notebooks, relative to the project root. */
  readonly seedDir: string;
  /**
   * Threads for heavy document work (imports, exports, merging and materializing large notebooks:
   * lib/server/work/); 0 runs it on the event loop. Default: one fewer than the cores, 1 to 4.
   */
  readonly workThreads: number;
  /** Page renders at a time; the rest wait their turn (http/render-gate.ts). 0: no limit. */
  readonly renderConcurrency: number;
  /**
   * The bearer token /metrics asks for (at least 16 characters), or null: /metrics then answers
   * 404, as metrics are the operator's, not the public's (http/metrics-endpoint.ts).
   */
  readonly metricsToken: string | null;
  readonly limits: Limits;
  /**
   * Redis (redis:// or rediss:// URL), or null. Set, it turns on multi-instance mode (ADR 0007:
   * room leases, events between instances, shared rate limits) and readiness checks it; it needs
   * TANDEM_AUTH_SECRET, which every instance must share. Null runs one process as before.
   */
  readonly redisUrl: string | null;
  /** host:port where other instances reach this one (TANDEM_INSTANCE_ADDRESS; default this host's name and PORT). */
  readonly instanceAddress: string;
}

export function parseFrameAncestors(value: string | undefined): string {
  const sources = (value ?? "*").trim().split(/\s+/).filter(Boolean);
  const bad = sources.find((s) => !FRAME_SOURCE.test(s));
  if (sources.length === 0 || bad !== undefined) {
    throw new Error(
      `TANDEM_EMBED_FRAME_ANCESTORS must be CSP frame-ancestors sources separated by spaces (e.g. "https://blog.example.com https://*.school.org", or "*"), got ${JSON.stringify(value)}`,
    );
  }
  return sources.join(" ");
}

/** A whole number from `min` up, or `fallback` when unset; anything else names the variable. */
function integer(env: Environment, name: string, fallback: number, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === "") return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : " up"}, got ${JSON.stringify(env[name])}`);
  }
  return value;
}

/** An http(s) origin or URL without its trailing slash; anything else names the variable. */
function httpUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} must be an http:// or https:// URL, got ${JSON.stringify(value)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`${name} must be an http:// or https:// URL, got ${JSON.stringify(value)}`);
  }
  return value.trim().replace(/\/+$/, "");
}

function originOf(name: string, value: string): string {
  const origin = new URL(value).origin;
  if (origin === "null") throw new Error(`${name} must name an origin (scheme, host and port), got ${JSON.stringify(value)}`);
  return origin;
}

/**
 * The package source: unset, the official CDN; "off", none; else a mirror, as an http(s) URL or a
 * path on this site ("/pyodide-packages/"). Always ending in "/", as Pyodide joins file names.
 */
export function parsePackageSource(value: string | undefined): string | null {
  const raw = value?.trim() ?? "";
  if (raw === "") return PYODIDE_CDN_URL;
  if (raw.toLowerCase() === "off") return null;
  const hint = `TANDEM_PYODIDE_PACKAGE_URL must be "off", an http:// or https:// URL, or a path on this site starting with "/" (the folder of a Pyodide pyodide-lock.json), got ${JSON.stringify(value)}`;
  if (/[\s"'<>\\]/.test(raw)) throw new Error(hint);
  if (raw.startsWith("/") && !raw.startsWith("//")) return raw.endsWith("/") ? raw : `${raw}/`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(hint);
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") {
    throw new Error(hint);
  }
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/** A redis:// or rediss:// URL, or null when unset; its password never goes into the message. */
export function parseRedisUrl(value: string | undefined): string | null {
  const raw = value?.trim() ?? "";
  if (raw === "") return null;
  let url: URL | null = null;
  try {
    url = new URL(raw);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== "redis:" && url.protocol !== "rediss:") || url.hostname === "") {
    throw new Error(`TANDEM_REDIS_URL must be a redis:// or rediss:// URL (e.g. redis://redis:6379), got ${JSON.stringify(raw.replace(/\/\/[^@/]*@/, "//***@"))}`);
  }
  return raw;
}

/** The /metrics bearer token, or null; a short one is refused (it is all that guards the data). */
export function parseMetricsToken(value: string | undefined): string | null {
  const raw = value?.trim() ?? "";
  if (raw === "") return null;
  if (raw.length < 16 || /\s/.test(raw)) throw new Error(`TANDEM_METRICS_TOKEN must be at least 16 characters without spaces (e.g. from \`openssl rand -hex 24\`), got ${raw.length} characters`);
  return raw;
}

const MIB = 1024 * 1024;

function readLimits(env: Environment): Limits {
  return {
    notebookCreate: integer(env, "TANDEM_NOTEBOOK_CREATE_LIMIT", 30),
    classJoin: integer(env, "TANDEM_CLASS_JOIN_LIMIT", 30),
    classCreate: integer(env, "TANDEM_CLASS_CREATE_LIMIT", 20),
    versionSave: integer(env, "TANDEM_VERSION_SAVE_LIMIT", 30),
    guestComment: integer(env, "TANDEM_GUEST_COMMENT_LIMIT", 20),
    signInAccount: integer(env, "TANDEM_SIGNIN_ACCOUNT_LIMIT", 5),
    signInAddress: integer(env, "TANDEM_SIGNIN_ADDRESS_LIMIT", 20),
    signUpAddress: integer(env, "TANDEM_SIGNUP_ADDRESS_LIMIT", 10),
    socketsPerAddress: integer(env, "TANDEM_SOCKETS_PER_ADDRESS", 200),
    bodyBytes: integer(env, "TANDEM_MAX_BODY_BYTES", 1 * MIB, 1024),
    // TANDEM_MAX_IMPORT_BYTES is this setting's earlier name, still read when the new one is unset.
    notebookBytes: env.TANDEM_MAX_NOTEBOOK_BYTES?.trim()
      ? integer(env, "TANDEM_MAX_NOTEBOOK_BYTES", 10 * MIB, 1024)
      : integer(env, "TANDEM_MAX_IMPORT_BYTES", 10 * MIB, 1024),
  };
}

/** Parses and checks every setting; throws an Error naming the first bad variable. */
export function readServerEnv(env: Environment = process.env): ServerEnv {
  const port = integer(env, "PORT", 3000, 0, 65535);
  const host = env.HOST?.trim() || "0.0.0.0";
  const configured = env.TANDEM_PUBLIC_URL?.trim();
  const publicOrigin = configured ? originOf("TANDEM_PUBLIC_URL", httpUrl("TANDEM_PUBLIC_URL", configured)) : `http://localhost:${port}`;
  const extra = (env.TANDEM_ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean)
    .map((o) => originOf("TANDEM_ALLOWED_ORIGINS", httpUrl("TANDEM_ALLOWED_ORIGINS", o)));
  // Without a configured public URL the app is being run locally: allow both local spellings.
  const local = configured ? [] : [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
  return {
    host,
    port,
    publicOrigin,
    allowedOrigins: [...new Set([publicOrigin, ...local, ...extra])],
    trustedProxies: integer(env, "TANDEM_TRUST_PROXY", 0, 0, 10),
    embedFrameAncestors: parseFrameAncestors(env.TANDEM_EMBED_FRAME_ANCESTORS),
    pyodidePackageUrl: parsePackageSource(env.TANDEM_PYODIDE_PACKAGE_URL),
    seedDir: env.TANDEM_SEED_DIR?.trim() || "notebooks",
    workThreads: integer(env, "TANDEM_WORK_THREADS", Math.min(4, Math.max(1, availableParallelism() - 1)), 0, 32),
    renderConcurrency: integer(env, "TANDEM_RENDER_CONCURRENCY", 2, 0, 256),
    metricsToken: parseMetricsToken(env.TANDEM_METRICS_TOKEN),
    limits: readLimits(env),
    redisUrl: readRedisUrl(env),
    instanceAddress: readInstanceAddress(env, port),
  };
}

function readRedisUrl(env: Environment): string | null {
  const value = parseRedisUrl(env.TANDEM_REDIS_URL);
  if (value && !env.TANDEM_AUTH_SECRET?.trim()) throw new Error("TANDEM_REDIS_URL needs TANDEM_AUTH_SECRET: every instance must sign sessions with the same secret.");
  return value;
}

function readInstanceAddress(env: Environment, port: number): string {
  const value = env.TANDEM_INSTANCE_ADDRESS?.trim();
  if (!value) return `${hostname()}:${port}`;
  if (!/^[A-Za-z0-9.\-\[\]:]+:\d{1,5}$/.test(value)) throw new Error("TANDEM_INSTANCE_ADDRESS must be host:port, as other instances reach this one.");
  return value;
}

let cached: ServerEnv | null = null;

/** The settings of this process, parsed on first use (server.ts does that at start). */
export function settings(): ServerEnv {
  cached ??= readServerEnv();
  return cached;
}

/** Forgets the parsed settings (tests that change the environment). */
export function resetSettings(): void {
  cached = null;
}
