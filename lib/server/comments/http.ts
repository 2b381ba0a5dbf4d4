/**
 * The shared shape of the comment routes, so each route file only says what it does: a
 * state-changing request must come from Tandem's own pages (403), from someone signed in (401),
 * with a JSON body its schema accepts (400); then the action, whose result maps once to HTTP.
 * Reading needs a signed-in person too: comments are for accounts, never for guests.
 */
import "server-only";
import type { z } from "zod";
import { viewerFrom, type Viewer } from "../auth/auth";
import { isSameOrigin } from "../http/same-origin";
import type { CommentsCode, CommentsResult } from "./comments";

const STATUS: Record<CommentsCode, number> = { not_found: 404, forbidden: 403, bad_request: 400 };
const NO_STORE = { "cache-control": "private, no-store" };

const signIn = () => Response.json({ code: "unauthorized", message: "Sign in to see and write comments." }, { status: 401, headers: NO_STORE });

export function failure(result: { code: CommentsCode; message: string }): Response {
  return Response.json({ code: result.code, message: result.message }, { status: STATUS[result.code], headers: NO_STORE });
}

/** GET: the viewer's JSON, or the failure. */
export async function readRoute<T extends object>(request: Request, read: (viewer: Viewer) => Promise<CommentsResult<T>>): Promise<Response> {
  const viewer = await viewerFrom(request.headers);
  if (!viewer) return signIn();
  const result = await read(viewer);
  return result.ok ? Response.json(result, { headers: NO_STORE }) : failure(result);
}

/**
 * A state-changing request: checks, then `act` with the parsed body; `done` makes the success
 * response (default 204). `expected` describes the body for the 400's message; a route that takes
 * no body passes z.unknown().
 */
export async function writeRoute<S extends z.ZodType, T extends object>(
  request: Request,
  schema: S,
  expected: string,
  act: (viewer: Viewer, body: z.infer<S>) => Promise<CommentsResult<T>>,
  done: (result: { ok: true } & T) => Response = () => new Response(null, { status: 204 }),
): Promise<Response> {
  if (!isSameOrigin(request)) return Response.json({ code: "forbidden", message: "Cross-site requests are not allowed." }, { status: 403 });
  const viewer = await viewerFrom(request.headers);
  if (!viewer) return signIn();
  const parsed = schema.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success) {
    // The first problem, by name: "line: Too small: expected number to be >=1".
    const issue = parsed.error.issues[0];
    const detail = issue ? ` (${issue.path.length > 0 ? `${issue.path.join(".")}: ` : ""}${issue.message})` : "";
    return failure({ code: "bad_request", message: `Expected JSON: ${expected}${detail}.` });
  }
  const result = await act(viewer, parsed.data);
  return result.ok ? done(result) : failure(result);
}
