/**
 * Which origin a request was made to, and whether it came from one of the app's own pages.
 *
 * Both answers come from the settings (env.ts), never from what a client may write: the app's
 * origins are TANDEM_PUBLIC_URL (or the local spellings when it is unset) and
 * TANDEM_ALLOWED_ORIGINS. A request's Host header, and X-Forwarded-Host/-Proto (read only behind
 * a trusted proxy, TANDEM_TRUST_PROXY), only choose among those; anything else falls back to the
 * public origin. So no header can put another site into an oEmbed answer, a discovery link or a
 * snippet, and a cached answer cannot be poisoned with one.
 */
import { settings, type ServerEnv } from "../env";
import { trustedForwardedEntry } from "./client-ip";

type OriginSettings = Pick<ServerEnv, "publicOrigin" | "allowedOrigins" | "trustedProxies">;

/** `${protocol}://${host}` normalised as URL.origin does (lower case, default port dropped), or null. */
function originOf(protocol: string | null, host: string | null): string | null {
  if (!host || (protocol !== "http" && protocol !== "https")) return null;
  // Only a host and an optional port: anything else (a path, credentials, spaces) is not a host.
  if (!/^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i.test(host)) return null;
  try {
    return new URL(`${protocol}://${host}`).origin;
  } catch {
    return null;
  }
}

/** The app origin this request was made to, e.g. "https://tandem.example" (no trailing slash). */
export function requestOrigin(source: Request | Headers, env: OriginSettings = settings()): string {
  const headers = "get" in source ? source : source.headers;
  let url: URL | null = null;
  if (!("get" in source)) {
    try {
      url = new URL(source.url);
    } catch {
      url = null;
    }
  }
  const protocol = trustedForwardedEntry(headers.get("x-forwarded-proto"), env.trustedProxies) ?? url?.protocol.replace(/:$/, "") ?? "http";
  const host = trustedForwardedEntry(headers.get("x-forwarded-host"), env.trustedProxies) ?? headers.get("host") ?? url?.host ?? null;
  const candidate = originOf(protocol.toLowerCase(), host);
  return candidate !== null && env.allowedOrigins.includes(candidate) ? candidate : env.publicOrigin;
}

/**
 * CSRF protection for state-changing requests: the browser's Origin header must be one of the
 * app's origins, scheme, host and port alike (a sandboxed frame's `Origin: null` is not); without
 * one, Sec-Fetch-Site must say same-origin.
 */
export function isSameOrigin(request: Request, env: Pick<ServerEnv, "allowedOrigins"> = settings()): boolean {
  const origin = request.headers.get("origin");
  if (origin !== null) return env.allowedOrigins.includes(origin.toLowerCase().replace(/\/+$/, ""));
  return request.headers.get("sec-fetch-site") === "same-origin";
}
