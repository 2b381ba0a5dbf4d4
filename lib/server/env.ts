/**
 * The server's settings, from the environment (README "Configuration" lists them all).
 * Database settings live in db/config.ts.
 */
export interface ServerEnv {
  host: string;
  port: number;
  /** Where people reach the app, e.g. http://localhost:3000. */
  publicOrigin: string;
  /** Origins allowed to open collaboration sockets (the public origin is always allowed). */
  allowedOrigins: string[];
  /** Take the client's address from X-Forwarded-For (only behind a proxy you run). */
  trustProxy: boolean;
  /** Which sites may frame embeds: a CSP frame-ancestors source list ("*" by default). */
  embedFrameAncestors: string;
}

/** One CSP source expression: *, 'self', 'none', a scheme ("https:") or a host source. */
const FRAME_SOURCE = /^(\*|'self'|'none'|[a-z][a-z0-9+.-]*:|([a-z][a-z0-9+.-]*:\/\/)?(\*\.)?[a-z0-9.-]+(:(\d{1,5}|\*))?)$/i;

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

export function readServerEnv(env: NodeJS.ProcessEnv = process.env): ServerEnv {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number (0-65535), got ${JSON.stringify(env.PORT)}`);
  }
  const host = env.HOST ?? "0.0.0.0";
  const publicOrigin = (env.TANDEM_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, "");
  const extra = (env.TANDEM_ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((o) => o.trim().replace(/\/+$/, ""))
    .filter(Boolean);
  // Without a configured public URL the app is being run locally: allow both local spellings.
  const local = env.TANDEM_PUBLIC_URL ? [] : [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
  return {
    host,
    port,
    publicOrigin,
    allowedOrigins: [...new Set([publicOrigin, ...local, ...extra])],
    trustProxy: env.TANDEM_TRUST_PROXY === "1",
    embedFrameAncestors: parseFrameAncestors(env.TANDEM_EMBED_FRAME_ANCESTORS),
  };
}
