/**
 * One log line per HTTP request, when its response is done or the client went away first
 * (`finished: false`): method, path, status, duration and the request id (request-id.ts). The
 * query string is left out: share links and sign-in callbacks carry tokens there. server.ts
 * writes these in production only, where the log is JSON lines for a collector (log.ts).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../log";

export function logRequest(log: Logger, req: IncomingMessage, res: ServerResponse, requestId: string): void {
  const start = performance.now();
  res.once("close", () => {
    log.info("request", {
      requestId,
      method: req.method,
      path: (req.url ?? "/").split("?")[0],
      status: res.statusCode,
      ms: Math.round(performance.now() - start),
      finished: res.writableFinished,
    });
  });
}
