/**
 * The shared shape of the classroom's routes: same-origin, signed in, a JSON body checked by its
 * zod schema, then the action, whose result is mapped once: "not found" (absent, or not yours to
 * see) is a 404 either way, a refusal with a reason a 400, success a 200 with what it returned.
 */
import type { z } from "zod";
import { viewerFrom } from "../auth/auth";
import type { AccessViewer } from "../notebooks/access";
import { isSameOrigin } from "./same-origin";

type Outcome = ({ ok: true } & object) | { ok: false; code: string; message: string };
const STATUS: Record<string, number> = { not_found: 404, bad_request: 400, teacher: 409 };

export async function memberRoute<S extends z.ZodType>(
  request: Request,
  schema: S,
  act: (viewer: AccessViewer & { name: string }, body: z.output<S>) => Promise<Outcome>,
): Promise<Response> {
  if (!isSameOrigin(request)) return Response.json({ code: "forbidden", message: "Cross-site requests are not allowed." }, { status: 403 });
  const viewer = await viewerFrom(request.headers);
  if (!viewer) return Response.json({ code: "unauthorized", message: "Sign in first." }, { status: 401 });
  const text = await request.text();
  let json: unknown = {};
  try {
    json = text.trim() ? JSON.parse(text) : {};
  } catch {
    return Response.json({ code: "bad_request", message: "The request body is not valid JSON." }, { status: 400 });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? ` (${issue.path.join(".")})` : "";
    return Response.json({ code: "bad_request", message: `${issue.message}${where}` }, { status: 400 });
  }
  const result = await act(viewer, parsed.data);
  if (!result.ok) return Response.json({ code: result.code, message: result.message }, { status: STATUS[result.code] ?? 400 });
  const { ok: _ok, ...rest } = result;
  return Object.keys(rest).length > 0 ? Response.json(rest) : new Response(null, { status: 204 });
}
