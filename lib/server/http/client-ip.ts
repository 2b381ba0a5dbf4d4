/**
 * The client's address as the custom server saw it. server.ts writes it into CLIENT_IP_HEADER on
 * every request, replacing anything the client sent, so route handlers (which cannot see the
 * socket) can rate-limit by address. Behind a reverse proxy, set TANDEM_TRUST_PROXY=1 to use the
 * first X-Forwarded-For address instead.
 */
import type { IncomingMessage } from "node:http";

export const CLIENT_IP_HEADER = "x-tandem-client-ip";

export function stampClientIp(req: IncomingMessage, trustProxy: boolean): void {
  const forwarded = req.headers["x-forwarded-for"];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
  req.headers[CLIENT_IP_HEADER] = (trustProxy && first) || req.socket.remoteAddress || "unknown";
}

export function clientIp(request: Request): string {
  return request.headers.get(CLIENT_IP_HEADER) ?? "unknown";
}
