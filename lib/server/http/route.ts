/**
 * The one shape of every route handler: `defineRoute({ auth, origin, input, limit, run })`.
 *
 * In order, before `run` sees anything: a state-changing request must come from the app's own
 * pages (origin, 403); the viewer is read when `auth` asks (401 when it must be someone signed
 * in); the rate limit is counted (429); the JSON body is read, within the body limit (413), and
 * checked against the domain module's zod schema (400, naming the field at fault, with the
 * schema's `.describe()` as the expected shape), or a file's text read within its own limit
 * (textBody). `run` answers a Result: a failure becomes `{ code, message }` with the status
 * errors.ts gives its code, a success JSON (or 204 when it carries nothing), never cached unless
 * the route says otherwise. `run` may also answer a Response itself (files, redirects).
 */
import type { z } from "zod";
import { fail, ok, type Failure, type Result } from "../../util/result";
import { viewerFrom, type Viewer } from "../auth/auth";
import { settings } from "../env";
import { clientIp } from "./client-ip";
import { failureResponse } from "./errors";
import { isSameOrigin } from "./origin";
import { consumeLimit, type RateLimitName } from "./rate-limit";

type Auth = "user" | "optional" | "none";
type ViewerOf<A extends Auth> = A extends "user" ? Viewer : A extends "optional" ? Viewer | null : null;

/** A body read as text rather than JSON (a file upload), with its own byte limit and 413 message. */
export interface TextBody {
  readonly text: { readonly maxBytes: () => number; readonly tooLarge: (maxBytes: number) => string };
}
type Input = z.ZodType | TextBody | undefined;
/** What `run` receives as `input`: the schema's output, the text, or nothing. */
type InputOf<S extends Input> = S extends z.ZodType ? z.output<S> : S extends TextBody ? string : undefined;

/** A text body of at most `maxBytes()` bytes (read per request: the settings may differ in tests). */
export function textBody(maxBytes: () => number, tooLarge: (maxBytes: number) => string): TextBody {
  return { text: { maxBytes, tooLarge } };
}

export interface RouteContext<A extends Auth, I, P> {
  readonly request: Request;
  readonly viewer: ViewerOf<A>;
  readonly input: I;
  readonly params: P;
  /** The client's address as the server trusts it (client-ip.ts). */
  readonly address: string;
}

/** The route's dynamic segments by name ([id] -> "id"), each a string. */
type Params<K extends string> = Readonly<Record<K, string>>;

export interface RouteSpec<A extends Auth, S extends Input, K extends string, T> {
  /** "user": signed in, or 401; "optional": the viewer or null (a guest); "none": reads no cookie. */
  readonly auth: A;
  /** The names of the route's dynamic segments, which `run` reads from `params`. */
  readonly params?: readonly K[];
  /** "same" (the default for anything but GET and HEAD): only from the app's own pages, or 403. */
  readonly origin?: "same" | "any";
  /**
   * The body: a zod schema owned by the domain module (its `.describe()` is the shape in words,
   * for the 400's message: "{ name: string }"), or textBody(...); absent, the body is not read.
   */
  readonly input?: S;
  /** A rate limit (rate-limit.ts), counted before the body is read. */
  readonly limit?: RateLimitName;
  /** Success status (default 200, or 204 for no value). */
  readonly status?: 200 | 201;
  /** Headers for a successful answer (default: not cached). */
  readonly headers?: Record<string, string>;
  /** Headers for every failure, over the default "private, no-store" (oEmbed's CORS). */
  readonly failureHeaders?: Record<string, string>;
  readonly run: (context: RouteContext<A, InputOf<S>, Params<K>>) => Promise<Result<T> | Response>;
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

/** The body's JSON checked by `schema` (whose description is the expected shape), or the failure to answer. */
async function readJson<I>(request: Request, schema: z.ZodType<I>): Promise<Result<I>> {
  const limit = settings().limits.bodyBytes;
  const text = await readBodyText(request, limit);
  if (text === null) return fail("too_large", `The request body is larger than ${limit} bytes.`);
  const shape = schema.description ? `Expected JSON: ${schema.description}` : null;
  let json: unknown;
  try {
    json = text.trim() ? JSON.parse(text) : {};
  } catch {
    return fail("bad_request", shape ? `${shape} (the body is not valid JSON).` : "The request body is not valid JSON.");
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  return fail("bad_request", shape ? `${shape} (${where}${issue.message}).` : `${where}${issue.message}`);
}

async function readInput(request: Request, input: z.ZodType | TextBody): Promise<Result<unknown>> {
  if (!("text" in input)) return readJson(request, input);
  const maxBytes = input.text.maxBytes();
  const text = await readBodyText(request, maxBytes);
  return text === null ? fail("too_large", input.text.tooLarge(maxBytes)) : ok(text);
}

/** A Next.js route handler from its spec (see the module comment). */
export function defineRoute<A extends Auth, S extends Input = undefined, K extends string = never, T = undefined>(
  spec: RouteSpec<A, S, K, T>,
): (request: Request, context?: { params: Promise<Params<K>> }) => Promise<Response> {
  const refuse = (failure: Pick<Failure, "code" | "message">) => failureResponse(failure, spec.failureHeaders);
  return async (request, context) => {
    const changes = request.method !== "GET" && request.method !== "HEAD";
    if ((spec.origin ?? (changes ? "same" : "any")) === "same" && !isSameOrigin(request)) return refuse(CROSS_SITE);
    const viewer = spec.auth === "none" ? null : await viewerFrom(request.headers);
    if (spec.auth === "user" && viewer === null) return refuse(UNAUTHORIZED);
    const address = clientIp(request);
    if (spec.limit) {
      const refused = await consumeLimit(spec.limit, { address, accountId: viewer?.id ?? null });
      if (refused) return refused;
    }
    let input: unknown = undefined;
    if (spec.input) {
      const read = await readInput(request, spec.input);
      if (!read.ok) return refuse(read);
      input = read.value;
    }
    const params = ((await context?.params) ?? {}) as Params<K>;
    const result = await spec.run({ request, viewer: viewer as ViewerOf<A>, input: input as InputOf<S>, params, address });
    if (result instanceof Response) return result;
    if (!result.ok) return refuse(result);
    const headers = spec.headers ?? NO_STORE;
    if (result.value === undefined) return new Response(null, { status: 204, headers });
    return Response.json(result.value, { status: spec.status ?? 200, headers });
  };
}
