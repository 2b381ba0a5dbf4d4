/**
 * GET /api/notebooks/<id>/comments -> 200 { ok, threads, seenAt, canComment, canReply } (anyone
 * who may read the notebook, a guest on a link-shared one included; a guest's key header marks
 * their own replies). Never cached.
 * POST { cellId, line?, body, parentId?, guestName?, guestColor? } -> 201 { id }: a new thread on a
 * cell (or one line of it), or with parentId a reply to a thread, whose cell and line it takes
 * (editors); or a guest's reply, under guestName and with their key header, where the owner
 * allows guest replies (counted per address: TANDEM_GUEST_COMMENT_LIMIT).
 */
import { addComment, commentInput, guestKeyFrom, listComments } from "@/lib/server/comments/comments";
import { getDb } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";
import { ok } from "@/lib/util/result";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  auth: "optional",
  params: ["id"],
  run: async ({ request, viewer, params }) => {
    const list = await listComments(getDb(), viewer, params.id, viewer ? null : guestKeyFrom(request.headers));
    // The page's JSON has always said `ok` beside the list (comments-provider.tsx).
    return list.ok ? ok({ ok: true, ...list.value }) : list;
  },
});

export const POST = defineRoute({
  auth: "optional",
  params: ["id"],
  input: commentInput,
  limit: "guestComment",
  status: 201,
  run: ({ request, viewer, params, input }) => addComment(getDb(), viewer, params.id, input, viewer ? null : guestKeyFrom(request.headers)),
});
