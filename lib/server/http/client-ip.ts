/**
 * The client's address as the app can trust it. server.ts writes it into CLIENT_IP_HEADER on
 * every request, replacing anything the client sent, so route handlers (which cannot see the
 * socket) can rate-limit by address.
 *
 * Behind reverse proxies (TANDEM_TRUST_PROXY=N, the number of proxies of the operator's in front
 * of the app), each proxy appends the address it saw to X-Forwarded-For, and whatever the client
 * wrote comes before those. So the client is the N-th entry counted from the right: the address
 * the outermost trusted proxy saw. Entries left of it are the client's own claims and are never
 * used. A list shorter than N was not written by all of our proxies: the socket's address is used.
 */
import type { IncomingMessage } from "node:http";

export const CLIENT_IP_HEADER = "x-tandem-client-ip";

/**
 * The entry our outermost trusted proxy wrote in a forwarded list (X-Forwarded-For, -Host,
 * -Proto): `trustedProxies` in from the right. Null with no trusted proxy, or when the list is
 * shorter than that (not every proxy of ours wrote it).
 */
export function trustedForwardedEntry(value: string | string[] | null | undefined, trustedProxies: number): string | null {
  if (trustedProxies <= 0 || value === null || value === undefined) return null;
  // Several header lines are one list, in order (RFC 9110 field lines).
  const entries = (Array.isArray(value) ? value.join(",") : value)
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.length < trustedProxies ? null : entries[entries.length - trustedProxies]!;
}

/** The address `trustedProxies` hops in from the right of X-Forwarded-For, or the socket's. */
export function clientAddress(forwardedFor: string | string[] | undefined, socketAddress: string | undefined, trustedProxies: number): string {
  return trustedForwardedEntry(forwardedFor, trustedProxies) ?? (socketAddress || "unknown");
}

export function stampClientIp(req: IncomingMessage, trustedProxies: number): void {
  req.headers[CLIENT_IP_HEADER] = clientAddress(req.headers["x-forwarded-for"], req.socket.remoteAddress, trustedProxies);
}

export function clientIp(request: Request): string {
  return request.headers.get(CLIENT_IP_HEADER) ?? "unknown";
}
