export const dynamic = "force-dynamic";

/**
 * Liveness: the process answers. Nothing else is asked (no database): a process manager restarts
 * a process that fails this, and a restart mends no database. Whether traffic should come here is
 * readiness, /api/ready (lib/server/ops/readiness.ts).
 */
export function GET() {
  return Response.json({ ok: true }, { headers: { "cache-control": "no-store" } });
}
