/**
 * Reading comments: for someone signed in (comments are for accounts, never for guests), never
 * cached. Writing goes through the shared actionRoute (lib/server/http/action-route.ts).
 */
import "server-only";
import { viewerFrom, type Viewer } from "../auth/auth";
import { failure } from "../http/action-route";
import type { CommentsResult } from "./comments";

const NO_STORE = { "cache-control": "private, no-store" };

/** GET: the viewer's JSON, or the failure. */
export async function readRoute<T extends object>(request: Request, read: (viewer: Viewer) => Promise<CommentsResult<T>>): Promise<Response> {
  const viewer = await viewerFrom(request.headers);
  if (!viewer) return Response.json({ code: "unauthorized", message: "Sign in to see comments." }, { status: 401, headers: NO_STORE });
  const result = await read(viewer);
  return result.ok ? Response.json({ ok: true, ...result.value }, { headers: NO_STORE }) : failure(result);
}
