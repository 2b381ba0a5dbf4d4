/** GET /embed.js: the embed loader (lib/embed/loader.ts), for other sites' pages. No cookies either way. */
import { loaderScript } from "@/lib/embed/loader";

export const dynamic = "force-static";

export function GET(): Response {
  return new Response(loaderScript(), {
    headers: { "content-type": "text/javascript; charset=utf-8", "cache-control": "public, max-age=300", "access-control-allow-origin": "*" },
  });
}
