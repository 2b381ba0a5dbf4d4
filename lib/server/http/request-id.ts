/**
 * A request id for every HTTP request and collaboration socket, so that one request's lines can
 * be found in the logs of the proxy and of the app. A reverse proxy that sets X-Request-Id
 * (nginx's $request_id, Caddy's {http.request.uuid}) is believed when the value is well-formed: a
 * short token of letters, digits and `._:-`; anything else (too long, spaces, control characters
 * that could forge log lines) is replaced by a fresh id. The id goes back on the response and
 * onto the request's headers, where Next's route handlers and the collaboration endpoint read it.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

export const REQUEST_ID_HEADER = "x-request-id";

const WELL_FORMED = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** The proxy's id when well-formed, else a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? undefined : header?.trim();
  return value !== undefined && WELL_FORMED.test(value) ? value : randomUUID();
}

/**
 * Decides the request's id, writes it onto the request's headers (for whoever reads the request
 * next) and, when given, onto the response; returns it.
 */
export function stampRequestId(req: IncomingMessage, res?: ServerResponse): string {
  const id = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
  req.headers[REQUEST_ID_HEADER] = id;
  res?.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/** The id stampRequestId gave the request (for code that runs after it). */
export function requestIdOf(req: IncomingMessage): string | undefined {
  const value = req.headers[REQUEST_ID_HEADER];
  return typeof value === "string" ? value : undefined;
}
