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

/** The address `trustedProxies` hops in from the right of X-Forwarded-For, or the socket's. */
export function clientAddress(forwardedFor: string | string[] | undefined, socketAddress: string | undefined, trustedProxies: number): string {
  const socket = socketAddress || "unknown";
  if (trustedProxies <= 0 || forwardedFor === undefined) return socket;
  // Several X-Forwarded-For headers are one list, in order (RFC 9110 field lines).
  const entries = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor)
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length < trustedProxies) return socket;
  return entries[entries.length - trustedProxies] ?? socket;
}

export function stampClientIp(req: IncomingMessage, trustedProxies: number): void {
  req.headers[CLIENT_IP_HEADER] = clientAddress(req.headers["x-forwarded-for"], req.socket.remoteAddress, trustedProxies);
}

export function clientIp(request: Request): string {
  return request.headers.get(CLIENT_IP_HEADER) ?? "unknown";
}
