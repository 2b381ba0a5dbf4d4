/**
 * POST /api/classes { name } -> 200 { id }: a new class, with the caller as its teacher. Limited
 * per account (classCreate): a class is cheap to make, so a script could make thousands.
 */
import { createClass, createClassInput } from "@/lib/server/classroom/classes";
import { getDb } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const POST = defineRoute({
  auth: "user",
  limit: "classCreate",
  input: createClassInput,
  run: ({ viewer, input }) => createClass(getDb(), viewer.id, input.name),
});
