/**
 * POST /api/notebooks/<id>/comments/seen { at? } -> 204: the signed-in reader has seen the
 * notebook's comments up to `at` (an ISO time, normally the newest comment on their screen, so one
 * that arrived since is still new), or up to now without it.
 */
import { markSeen, seenInput } from "@/lib/server/comments/comments";
import { getDb } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const POST = defineRoute({
  auth: "user",
  params: ["id"],
  input: seenInput,
  run: ({ viewer, params, input }) => markSeen(getDb(), viewer, params.id, input.at === undefined ? new Date() : new Date(input.at)),
});
