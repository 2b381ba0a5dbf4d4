import { z } from "zod";
import { viewerFrom } from "@/lib/server/auth/auth";
import { getDb } from "@/lib/server/db/client";
import { createNotebook } from "@/lib/server/notebooks/create";
import { clientIp } from "@/lib/server/http/client-ip";
import { consumeLimit } from "@/lib/server/http/rate-limit";
import { isSameOrigin } from "@/lib/server/http/origin";

export const dynamic = "force-dynamic";

const body = z.object({
  title: z.string().max(200).optional(),
  from: z.string().max(200).optional(),
  sources: z.record(z.string().max(64), z.string().max(100_000)).optional(),
});

/**
 * POST /api/notebooks { title?, from?, sources? } -> 201 { id, slug }: a new link-shared notebook,
 * blank or a copy of `from`, with `sources` replacing some of the copy's code cells' text.
 */
export async function POST(request: Request) {
  if (!isSameOrigin(request)) {
    return Response.json({ code: "forbidden", message: "Cross-site requests are not allowed." }, { status: 403 });
  }
  const refused = await consumeLimit("notebookCreate", { address: clientIp(request), accountId: null });
  if (refused) return refused;
  const parsed = body.safeParse(await request.json().catch(() => null));
  if (!parsed.success) {
    return Response.json({ code: "bad_request", message: "Expected JSON: { title?: string, from?: string, sources?: { [cellId]: string } }." }, { status: 400 });
  }
  // A guest's notebook belongs to nobody; a signed-in person's is theirs. Both start shared by
  // their link (anyone with it can edit), which is how a pair gets going.
  const viewer = await viewerFrom(request.headers);
  const result = await createNotebook(getDb(), { ...parsed.data, ownerId: viewer?.id ?? null }, viewer);
  if (!result.ok) return Response.json({ code: result.code, message: result.message }, { status: 404 });
  return Response.json(result.value, { status: 201 });
}
