/**
 * The owner's sharing settings: GET -> { visibility, linkRole, guestComments, collaborators };
 * PUT { visibility, linkRole } -> 204; PATCH { guestComments } -> 204 (whether guests may reply to
 * comments). To anyone but the owner (a guest included), a 404.
 */
import { getDb } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";
import { guestCommentsInput, loadSharing, setGuestComments, setVisibility, visibilityInput } from "@/lib/server/notebooks/sharing";
import { fail, ok } from "@/lib/util/result";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  auth: "optional",
  params: ["id"],
  run: async ({ viewer, params }) => {
    const sharing = viewer ? await loadSharing(getDb(), viewer.id, params.id) : null;
    return sharing ? ok(sharing) : fail("not_found", "There is no such notebook.");
  },
});

export const PUT = defineRoute({
  auth: "user",
  params: ["id"],
  input: visibilityInput,
  run: ({ viewer, params, input }) => setVisibility(getDb(), viewer.id, params.id, input),
});

export const PATCH = defineRoute({
  auth: "user",
  params: ["id"],
  input: guestCommentsInput,
  run: ({ viewer, params, input }) => setGuestComments(getDb(), viewer.id, params.id, input),
});
