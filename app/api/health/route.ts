import { getDb } from "@/lib/server/db/client";

export const dynamic = "force-dynamic";

/** Liveness and database reachability, for process managers and the test harness. */
export async function GET() {
  try {
    await getDb().lesson.count();
    return Response.json({ ok: true });
  } catch {
    return Response.json({ ok: false, error: "database unavailable" }, { status: 503 });
  }
}
