/**
 * Collaborators, the owner's alone: POST { email, role } invites (or changes the role of) a
 * person by email; DELETE { email } removes them, and their open connections close at once.
 * Both -> 204; to anyone but the owner, a 404.
 */
import { getDb } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";
import { invite, inviteInput, removeCollaborator, removeCollaboratorInput } from "@/lib/server/notebooks/sharing";

export const dynamic = "force-dynamic";

export const POST = defineRoute({
  auth: "user",
  params: ["id"],
  input: inviteInput,
  run: ({ viewer, params, input }) => invite(getDb(), viewer.id, params.id, input),
});

export const DELETE = defineRoute({
  auth: "user",
  params: ["id"],
  input: removeCollaboratorInput,
  run: ({ viewer, params, input }) => removeCollaborator(getDb(), viewer.id, params.id, input.email),
});
