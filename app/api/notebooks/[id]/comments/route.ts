/**
 * GET /api/notebooks/<id>/comments -> 200 { ok, threads, seenAt, canComment } (anyone who may read
 * the notebook, a guest on a link-shared one included, who reads but does not write). Never cached.
 * POST { cellId, line?, body, parentId? } -> 201 { id }: a new thread on a cell (or one line of it),
 * or with parentId a reply to a thread, whose cell and line it takes (editors).
 */
import { addComment, commentInput, listComments } from "@/lib/server/comments/comments";
import { getDb } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";
import { ok } from "@/lib/util/result";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  auth: "optional",
  params: ["id"],
  run: async ({ viewer, params }) => {
    const list = await listComments(getDb(), viewer, params.id);
    // The page's JSON has always said `ok` beside the list (comments-provider.tsx).
    return list.ok ? ok({ ok: true, ...list.value }) : list;
  },
});

export const POST = defineRoute({
  auth: "user",
  params: ["id"],
  input: commentInput,
  status: 201,
  run: ({ viewer, params, input }) => addComment(getDb(), viewer, params.id, input),
});
