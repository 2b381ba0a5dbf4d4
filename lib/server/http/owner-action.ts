/**
 * The shared shape of the library's owner-only routes: same-origin, signed in, then the action,
 * whose "not found" (absent, or not yours) is a 404 either way.
 */
import { viewerFrom } from "../auth/auth";
import type { OwnerAction } from "../notebooks/library";
import { isSameOrigin } from "./origin";

const STATUS = { not_found: 404, bad_request: 400 } as const;

export async function ownerRoute(request: Request, act: (viewerId: string) => Promise<OwnerAction>): Promise<Response> {
  if (!isSameOrigin(request)) return Response.json({ code: "forbidden", message: "Cross-site requests are not allowed." }, { status: 403 });
  const viewer = await viewerFrom(request.headers);
  if (!viewer) return Response.json({ code: "unauthorized", message: "Sign in first." }, { status: 401 });
  const result = await act(viewer.id);
  if (!result.ok) return Response.json({ code: result.code, message: result.message }, { status: STATUS[result.code] });
  return new Response(null, { status: 204 });
}
