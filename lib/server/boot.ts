/**
 * Getting the data ready before the server listens: apply database migrations, replay the spool
 * (edits a previous run could not store at shutdown: collab/spool.ts), then load the seed
 * notebooks into the lesson catalogue. Any failure becomes a BootError whose message says what is
 * wrong and which file or database, and the server exits non-zero without serving.
 */
import { resolve } from "node:path";
import { dbConfigFromEnv, describeDb } from "./db/config";
import { getDb } from "./db/client";
import { prismaStorage } from "./collab/prisma-storage";
import { replaySpool, spoolDirOf } from "./collab/spool";
import { migrateDatabase } from "./db/migrate";
import { errorText } from "./db/errors";
import { settings } from "./env";
import { loadSeeds } from "./seed/load-seeds";
import { readSeedDirectory, SeedError } from "./seed/read-seeds";
import { backfillSearchText, purgeTrash, TRASH_DAYS } from "./notebooks/library";

export class BootError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "BootError";
  }
}

export interface PrepareOptions {
  root: string;
  log: (line: string) => void;
  /** Where the collaboration rooms spool at shutdown (default: spoolDirOf(root)). */
  spoolDir?: string;
}

export async function prepareData({ root, log, spoolDir = spoolDirOf(root) }: PrepareOptions): Promise<void> {
  let config;
  try {
    config = dbConfigFromEnv(process.env, root);
  } catch (error) {
    throw new BootError(errorText(error), { cause: error });
  }
  log(`Database: ${describeDb(config)}`);
  try {
    const { applied } = await migrateDatabase(config, { root });
    log(applied.length > 0 ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database schema is up to date.");
  } catch (error) {
    throw new BootError(errorText(error), { cause: error });
  }
  const spooled = await replaySpool(spoolDir, prismaStorage(getDb(config)));
  if (spooled.replayed.length > 0) log(`Spool: stored the unsaved edits of ${spooled.replayed.length} notebook(s): ${spooled.replayed.join(", ")}`);
  if (spooled.dropped.length > 0) log(`Spool: removed the edits of deleted notebook(s): ${spooled.dropped.join(", ")}`);
  for (const { notebookId, error } of spooled.failed) {
    // Kept for the next start; one notebook's file must not keep every other notebook offline.
    log(`Spool: could not store the edits of notebook ${notebookId} (kept in ${spoolDir}): ${errorText(error)}`);
  }
  try {
    // TANDEM_SEED_DIR lets tests (and deployments with their own lessons) point elsewhere.
    const files = readSeedDirectory(resolve(root, settings().seedDir), root);
    const report = await loadSeeds(getDb(config), files);
    log(
      `Lessons: ${report.created.length} new, ${report.updated.length} updated, ${report.unchanged.length} unchanged` +
        (report.orphaned.length > 0 ? `; kept without a seed file: ${report.orphaned.join(", ")}` : ""),
    );
  } catch (error) {
    throw new BootError(error instanceof SeedError ? error.message : `loading seed notebooks failed: ${errorText(error)}`, {
      cause: error,
    });
  }
  const db = getDb(config);
  const purged = await purgeTrash(db);
  if (purged > 0) log(`Trash: removed ${purged} notebook(s) deleted more than ${TRASH_DAYS} days ago`);
  await backfillSearchText(db);
}
