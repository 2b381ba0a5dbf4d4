/**
 * The shared shape of every state-changing JSON route (classroom, comments): it must come from
 * Tandem's own pages (403), from someone signed in (401), with a body its zod schema accepts (400,
 * naming the field at fault); then the action, whose result is mapped once: "not found" (absent,
 * or not yours to see) is a 404 either way, "forbidden" (you may see it, not do this) a 403, any
 * other refusal a 400, and success a 200 with what it returned, a 204 when it returned nothing, or
 * whatever `done` makes of it.
 */
import type { z } from "zod";
import { viewerFrom, type Viewer } from "../auth/auth";
import { isSameOrigin } from "./origin";

type Outcome = { ok: true; value: unknown } | { ok: false; code: string; message: string };
const STATUS: Record<string, number> = { not_found: 404, forbidden: 403, bad_request: 400, teacher: 409 };
const NO_STORE = { "cache-control": "private, no-store" };

export function failure(result: { code: string; message: string }): Response {
  return Response.json({ code: result.code, message: result.message }, { status: STATUS[result.code] ?? 400, headers: NO_STORE });
}

export interface ActionRouteOptions<R> {
  /** The body's shape in words, for the 400's message: "{ name: string }". */
  expected?: string;
  /** The success response (default: 200 with the result's fields, or 204 when it has none). */
  done?: (result: R) => Response;
}

export async function actionRoute<S extends z.ZodType, R extends Outcome>(
  request: Request,
  schema: S,
  act: (viewer: Viewer, body: z.output<S>) => Promise<R>,
  options: ActionRouteOptions<Extract<R, { ok: true }>> = {},
): Promise<Response> {
  if (!isSameOrigin(request)) return failure({ code: "forbidden", message: "Cross-site requests are not allowed." });
  const viewer = await viewerFrom(request.headers);
  if (!viewer) return Response.json({ code: "unauthorized", message: "Sign in first." }, { status: 401, headers: NO_STORE });
  const expected = options.expected ? `Expected JSON: ${options.expected}` : null;
  const text = await request.text();
  let json: unknown;
  try {
    json = text.trim() ? JSON.parse(text) : {};
  } catch {
    return failure({ code: "bad_request", message: expected ? `${expected} (the body is not valid JSON).` : "The request body is not valid JSON." });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
    return failure({ code: "bad_request", message: expected ? `${expected} (${where}${issue.message}).` : `${where}${issue.message}` });
  }
  const result = await act(viewer, parsed.data);
  if (!result.ok) return failure(result);
  if (options.done) return options.done(result as Extract<R, { ok: true }>);
  const { value } = result as { value: unknown };
  return value !== undefined ? Response.json(value, { headers: NO_STORE }) : new Response(null, { status: 204 });
}
