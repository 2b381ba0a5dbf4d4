/**
 * POST /api/notebooks { title?, from?, sources? } -> 201 { id, slug }: a new link-shared notebook,
 * blank or a copy of `from`, with `sources` replacing some of the copy's code cells' text. A
 * guest's notebook belongs to nobody; a signed-in person's is theirs. Both start shared by their
 * link (anyone with it can edit), which is how a pair gets going.
 */
import { getDb } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";
import { createNotebook, createNotebookInput } from "@/lib/server/notebooks/create";

export const dynamic = "force-dynamic";

export const POST = defineRoute({
  auth: "optional",
  limit: "notebookCreate",
  input: createNotebookInput,
  status: 201,
  run: ({ viewer, input }) => createNotebook(getDb(), { ...input, ownerId: viewer?.id ?? null }, viewer),
});
