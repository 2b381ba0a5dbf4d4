import { readiness } from "@/lib/server/ops/readiness";

export const dynamic = "force-dynamic";

/**
 * Readiness, for load balancers and orchestrators: 503 while the process drains, or when the
 * database (or Redis, when TANDEM_REDIS_URL is set) does not answer; the body names each check.
 */
export async function GET() {
  const result = await readiness();
  return Response.json(result, { status: result.ok ? 200 : 503, headers: { "cache-control": "no-store" } });
}
