/**
 * For tests that call route handlers directly: a migrated database of `backend` as the process's
 * database (getDb), and a fresh auth instance on it, for the enclosing describe block; removed
 * afterwards.
 */
import { afterAll, beforeAll } from "vitest";
import { resetAuth } from "@/lib/server/auth/auth";
import { disconnectDb, getDb } from "@/lib/server/db/client";
import { migrateDatabase } from "@/lib/server/db/migrate";
import type { TestBackend } from "./databases";

export function useRouteDatabase(backend: TestBackend): void {
  let cleanup: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const made = await backend.makeConfig();
    cleanup = made.cleanup;
    await migrateDatabase(made.config);
    getDb(made.config);
    resetAuth();
  });
  afterAll(async () => {
    resetAuth();
    await disconnectDb();
    await cleanup?.();
  });
}
