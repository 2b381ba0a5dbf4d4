/**
 * For tests that call route handlers directly: a migrated database of `backend` as the process's
 * database (getDb), and a fresh auth instance on it, for the enclosing describe block; removed
 * afterwards.
 */
import { afterAll, beforeAll } from "vitest";
import { resetAuth } from "@/lib/server/auth/auth";
import { disconnectDb, getDb } from "@/lib/server/db/client";
import { migrateDatabase } from "@/lib/server/db/migrate";
import type { DbConfig } from "@/lib/server/db/config";
import type { TestBackend } from "./databases";

/** Sets the database up for the block; `config()` is its configuration once set up (for child processes). */
export function useRouteDatabase(backend: TestBackend): { config(): DbConfig } {
  let cleanup: (() => Promise<void>) | undefined;
  let config: DbConfig | undefined;
  beforeAll(async () => {
    const made = await backend.makeConfig();
    cleanup = made.cleanup;
    config = made.config;
    await migrateDatabase(made.config);
    getDb(made.config);
    resetAuth();
  });
  afterAll(async () => {
    resetAuth();
    await disconnectDb();
    await cleanup?.();
  });
  return {
    config: () => {
      if (!config) throw new Error("the database is set up in beforeAll");
      return config;
    },
  };
}
