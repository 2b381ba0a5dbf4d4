/**
 * POST /api/classes/<id>/assignments { notebook, title, instructions?, dueAt? } -> 200 { id }:
 * a teacher assigns a notebook they may read (its slug) to the class.
 */
import { z } from "zod";
import { createAssignment } from "@/lib/server/classroom/assignments";
import { getDb } from "@/lib/server/db/client";
import { actionRoute } from "@/lib/server/http/action-route";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };
const body = z.object({ notebook: z.string(), title: z.string(), instructions: z.string().optional(), dueAt: z.string().optional() });

export async function POST(request: Request, { params }: Context): Promise<Response> {
  const { id } = await params;
  return actionRoute(request, body, (viewer, input) => createAssignment(getDb(), viewer, id, input));
}
