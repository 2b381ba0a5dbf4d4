/**
 * POST /api/classes/<id>/code { keepOld? } -> 200 { joinCode }: a new join code; the old one stops
 * working, or with keepOld goes on working for a week (classes.ts: replaceJoinCode).
 */
import { replaceCodeInput, replaceJoinCode } from "@/lib/server/classroom/classes";
import { getDb } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const POST = defineRoute({
  auth: "user",
  params: ["id"],
  input: replaceCodeInput,
  run: ({ viewer, params, input }) => replaceJoinCode(getDb(), viewer.id, params.id, input.keepOld),
});
