/**
 * `npm run db:generate` (also npm's postinstall): generates the Prisma clients for SQLite and
 * PostgreSQL into lib/server/db/generated/, offline. Skips the work when prisma/schema.prisma and
 * the Prisma versions are unchanged since the last run and both clients exist; `--force` redoes it.
 */
import { fileURLToPath } from "node:url";
import { generateClients } from "../lib/server/db/migrations/generate";

const root = fileURLToPath(new URL("..", import.meta.url));
const force = process.argv.includes("--force");

try {
  const result = await generateClients(root, { force });
  console.log(
    result.skipped
      ? "Prisma clients are up to date (prisma/schema.prisma unchanged)."
      : `Generated the Prisma clients (${result.providers.join(", ")}) in lib/server/db/generated/ in ${result.ms} ms.`,
  );
} catch (error) {
  console.error(`Could not generate the Prisma clients: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
