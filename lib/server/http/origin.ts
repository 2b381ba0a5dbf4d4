/**
 * The site's public origin as the visitor reached it, for absolute URLs in answers that leave the
 * site (oEmbed, discovery links, snippets). Read the way same-origin.ts reads the host: a proxy's
 * X-Forwarded-Host (and -Proto) first, else the Host header, else the request's own URL, and as a
 * last resort the configured public URL. Values that do not make an http(s) origin are skipped, so
 * a junk header never ends up in a URL.
 */
import { readServerEnv } from "../env";

/** The first of a proxy list ("a, b"), trimmed; null when empty. */
function first(value: string | null): string | null {
  const head = value?.split(",")[0]?.trim();
  return head ? head : null;
}

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

/** The origin this request was made to, e.g. "https://tandem.example" (no trailing slash). */
export function requestOrigin(source: Request | Headers): string {
  const headers = "get" in source ? source : source.headers;
  let url: URL | null = null;
  if (!("get" in source)) {
    try {
      url = new URL(source.url);
    } catch {
      url = null;
    }
  }
  const urlProtocol = url ? url.protocol.replace(/:$/, "") : null;
  const protocol = first(headers.get("x-forwarded-proto")) ?? urlProtocol ?? "http";
  const host = first(headers.get("x-forwarded-host")) ?? first(headers.get("host")) ?? url?.host ?? null;
  return originOf(protocol.toLowerCase(), host) ?? (url && originOf(urlProtocol, url.host)) ?? readServerEnv().publicOrigin;
}
