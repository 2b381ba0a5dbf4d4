/**
 * The end-to-end server: the real server.ts, on a fresh SQLite database in .cache/e2e/ (deleted
 * first, so every run starts from an empty data directory as a new user's would).
 */
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";

const dir = join(process.cwd(), ".cache", "e2e");
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
process.env.DATABASE_URL = `file:${join(dir, "tandem.db")}`;
await import("../../../server");
