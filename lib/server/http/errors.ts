/**
 * The one table from an expected failure's code to its HTTP status. Every route answers a failure
 * as `{ code, message }` with the status found here (route.ts), so "not found" is a 404 whether it
 * is absent or not yours to see, everywhere.
 */
import type { Failure } from "../../util/result";

export const ERROR_STATUS = {
  bad_request: 400,
  invalid: 400,
  // A notebook file that cannot be imported (lib/notebook/nbformat/validate.ts).
  invalid_json: 400,
  not_nbformat4: 400,
  invalid_notebook: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  teacher: 409,
  length_required: 411,
  too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  failed: 500,
  not_implemented: 501,
  unavailable: 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

const NO_STORE = { "cache-control": "private, no-store" } as const;

/** The status for `code`; a code missing from the table is a refusal of the request (400). */
export function statusOf(code: string): number {
  return (ERROR_STATUS as Record<string, number>)[code] ?? 400;
}

/** A failure as the response every route gives: `{ code, message }`, never cached. */
export function failureResponse(failure: Pick<Failure, "code" | "message">, headers: Record<string, string> = {}): Response {
  return Response.json({ code: failure.code, message: failure.message }, { status: statusOf(failure.code), headers: { ...NO_STORE, ...headers } });
}

/** 429 with Retry-After. */
export function rateLimited(message: string, seconds: number): Response {
  return failureResponse({ code: "rate_limited", message: `${message} Try again in ${seconds} s.` }, { "retry-after": String(seconds) });
}
