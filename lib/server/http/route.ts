/**
 * The one shape of every route handler: `defineRoute({ auth, origin, input, limit, run })`.
 *
 * In order, before `run` sees anything: a state-changing request must come from the app's own
 * pages (origin, 403); the viewer is read when `auth` asks (401 when it must be someone signed
 * in); the rate limit is counted (429); the JSON body is read, within the body limit (413), and
 * checked against the domain module's zod schema (400, naming the field at fault). `run` answers
 * a Result: a failure becomes `{ code, message }` with the status errors.ts gives its code, a
 * success JSON (or 204 when it carries nothing), never cached unless the route says otherwise.
 * `run` may also answer a Response itself (files, redirects).
 */
import type { z } from "zod";
import type { Result } from "../../util/result";
import { viewerFrom, type Viewer } from "../auth/auth";
import { settings } from "../env";
import { clientIp } from "./client-ip";
import { failureResponse } from "./errors";
import { isSameOrigin } from "./origin";
import { consumeLimit, type RateLimitName } from "./rate-limit";

type Auth = "user" | "optional" | "none";
type ViewerOf<A extends Auth> = A extends "user" ? Viewer : A extends "optional" ? Viewer | null : null;

export interface RouteContext<A extends Auth, I, P> {
  readonly request: Request;
  readonly viewer: ViewerOf<A>;
  readonly input: I;
  readonly params: P;
  /** The client's address as the server trusts it (client-ip.ts). */
  readonly address: string;
}

export interface RouteSpec<A extends Auth, I, P, T> {
  /** "user": signed in, or 401; "optional": the viewer or null (a guest); "none": reads no cookie. */
  readonly auth: A;
  /** "same" (the default for anything but GET and HEAD): only from the app's own pages, or 403. */
  readonly origin?: "same" | "any";
  /** The JSON body's schema (owned by the domain module); absent, the body is not read. */
  readonly input?: z.ZodType<I>;
  /** The body's shape in words, for the 400's message: "{ name: string }". */
  readonly expected?: string;
  /** A rate limit (rate-limit.ts), counted before the body is read. */
  readonly limit?: RateLimitName;
  /** Success status (default 200, or 204 for no value). */
  readonly status?: 200 | 201;
  /** Headers for a successful answer (default: not cached). */
  readonly headers?: Record<string, string>;
  readonly run: (context: RouteContext<A, I, P>) => Promise<Result<T> | Response>;
}

const NO_STORE = { "cache-control": "private, no-store" };
const UNAUTHORIZED = { code: "unauthorized", message: "Sign in first." };
const CROSS_SITE = { code: "forbidden", message: "Cross-site requests are not allowed." };

/** Reads at most `limit` bytes of the body as text; null when it is longer. */
export async function readBodyText(request: Request, limit: number): Promise<string | null> {
  if (Number(request.headers.get("content-length") ?? 0) > limit) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The body's JSON checked by `schema`, or the failure to answer. */
async function readInput<I>(request: Request, schema: z.ZodType<I>, expected: string | undefined): Promise<Result<I>> {
  const limit = settings().limits.bodyBytes;
  const text = await readBodyText(request, limit);
  if (text === null) return { ok: false, code: "too_large", message: `The request body is larger than ${limit} bytes.` };
  const shape = expected ? `Expected JSON: ${expected}` : null;
  let json: unknown;
  try {
    json = text.trim() ? JSON.parse(text) : {};
  } catch {
    return { ok: false, code: "bad_request", message: shape ? `${shape} (the body is not valid JSON).` : "The request body is not valid JSON." };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  return { ok: false, code: "bad_request", message: shape ? `${shape} (${where}${issue.message}).` : `${where}${issue.message}` };
}

/** A Next.js route handler from its spec (see the module comment). */
export function defineRoute<A extends Auth, I = undefined, P = Record<string, string>, T = undefined>(
  spec: RouteSpec<A, I, P, T>,
): (request: Request, context: { params: Promise<P> }) => Promise<Response> {
  return async (request, context) => {
    const changes = request.method !== "GET" && request.method !== "HEAD";
    if ((spec.origin ?? (changes ? "same" : "any")) === "same" && !isSameOrigin(request)) return failureResponse(CROSS_SITE);
    const viewer = spec.auth === "none" ? null : await viewerFrom(request.headers);
    if (spec.auth === "user" && viewer === null) return failureResponse(UNAUTHORIZED);
    const address = clientIp(request);
    if (spec.limit) {
      const refused = await consumeLimit(spec.limit, { address, accountId: viewer?.id ?? null });
      if (refused) return refused;
    }
    let input = undefined as I;
    if (spec.input) {
      const read = await readInput(request, spec.input, spec.expected);
      if (!read.ok) return failureResponse(read);
      input = read.value;
    }
    const params = ((await context?.params) ?? {}) as P;
    const result = await spec.run({ request, viewer: viewer as ViewerOf<A>, input, params, address });
    if (result instanceof Response) return result;
    if (!result.ok) return failureResponse(result);
    const headers = spec.headers ?? NO_STORE;
    if (result.value === undefined) return new Response(null, { status: 204, headers });
    return Response.json(result.value, { status: spec.status ?? 200, headers });
  };
}
