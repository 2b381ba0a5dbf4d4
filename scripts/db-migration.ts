/**
 * `npm run db:migration -- <name>`: after editing prisma/schema.prisma, writes a migration for
 * each database (prisma/migrations/{sqlite,postgresql}/<timestamp>_<name>/migration.sql), updates
 * prisma/migrations/schema.prisma.snapshot and regenerates the Prisma clients. Needs no database
 * server. Exits non-zero, writing nothing, when the name is bad or the schema has not changed.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createMigration, reviewNotes } from "../lib/server/db/migrations/create";
import { generateClients } from "../lib/server/db/migrations/generate";
import { SNAPSHOT_PATH } from "../lib/server/db/migrations/schema-files";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);

if (args.length !== 1) {
  console.error("Usage: npm run db:migration -- <name>   (e.g. npm run db:migration -- add_user_email)");
  process.exit(1);
}

try {
  const written = await createMigration(root, args[0]!);
  console.log(`Wrote migration ${written[0]!.name}:`);
  for (const migration of written) {
    const note = migration.empty ? " (empty: no change for this database)" : "";
    console.log(`  ${path.relative(root, migration.file)}${note}`);
  }
  console.log(`  ${SNAPSHOT_PATH} (updated)`);
  const postgres = written.find((m) => m.provider === "postgresql");
  const notes = postgres ? reviewNotes(postgres.sql) : [];
  if (notes.length > 0) {
    console.log("\nReview before committing: these statements drop data or fail on tables that have rows:");
    for (const note of notes) console.log(`  ${note}`);
  }
  const generated = await generateClients(root);
  console.log(generated.skipped ? "\nThe Prisma clients were already up to date." : `\nRegenerated the Prisma clients in ${generated.ms} ms.`);
  console.log("Apply it with `npm run db:migrate` (npm start applies it too), and commit prisma/migrations/.");
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
