/**
 * `npm run db:migrate`: applies the committed migrations to the database named by DATABASE_URL
 * (default: SQLite at ./data/tandem.db). The app does the same at start; this is for doing it
 * ahead of time, e.g. in a deploy step.
 */
import { dbConfigFromEnv, describeDb } from "../lib/server/db/config";
import { migrateDatabase } from "../lib/server/db/migrate";

const started = Date.now();
try {
  const config = dbConfigFromEnv();
  console.log(`Migrating ${describeDb(config)}`);
  const { applied } = await migrateDatabase(config, { log: (line) => console.log(`  ${line}`) });
  const ms = Date.now() - started;
  console.log(applied.length === 0 ? `Already up to date (${ms} ms).` : `Applied ${applied.length} migration(s) in ${ms} ms.`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
