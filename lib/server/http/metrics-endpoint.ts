/**
 * GET /metrics: the process's Prometheus metrics (metrics.ts), served by server.ts before Next
 * (no page render, no route bundle: the registry lives in server.ts's process-wide context).
 *
 * Metrics are the operator's, not the public's (room and connection counts, timings): without
 * TANDEM_METRICS_TOKEN the path answers 404 like any unknown one, and with it only a request
 * carrying `Authorization: Bearer <token>` gets them; any other answers the same 404, so a
 * guess learns nothing. The token is compared in constant time (both sides hashed first, so
 * their lengths do not show either).
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { metrics } from "../metrics";

export const METRICS_PATH = "/metrics";

const digest = (value: string) => createHash("sha256").update(value).digest();

/** True when `authorization` is "Bearer <token>" for this token; false for a null token. */
export function bearerMatches(authorization: string | undefined, token: string | null): boolean {
  if (token === null || authorization === undefined) return false;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  // Compared even when malformed, so that the answer takes the same time either way.
  return timingSafeEqual(digest(match?.[1] ?? ""), digest(token)) && match !== null;
}

/**
 * A handler for server.ts: answers /metrics (true), or leaves the request alone (false).
 * `token` is TANDEM_METRICS_TOKEN (env.ts), null when unset.
 */
export function metricsEndpoint(token: string | null): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    if ((req.url ?? "").split("?")[0] !== METRICS_PATH) return false;
    const headers = { "cache-control": "no-store" };
    if (!bearerMatches(req.headers.authorization, token) || (req.method !== "GET" && req.method !== "HEAD")) {
      res.writeHead(404, { ...headers, "content-type": "text/plain; charset=utf-8" }).end("Not Found");
      return true;
    }
    const { registry } = metrics();
    registry.metrics().then(
      (text) => {
        res.writeHead(200, { ...headers, "content-type": registry.contentType });
        res.end(req.method === "HEAD" ? undefined : text);
      },
      (error: unknown) => {
        res.writeHead(500, { ...headers, "content-type": "text/plain; charset=utf-8" }).end(`Collecting metrics failed: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
    return true;
  };
}
