// Opening the SQLite database file safely: its folder is created when missing, and a file that is
// not a SQLite database is reported and never touched (SQLite would otherwise fail later with a
// bare "file is not a database", or a careless fix would be to delete it).
import { mkdirSync, openSync, readSync, closeSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { type SqliteConfig } from "./config";
import { DatabaseConnectionError, errorText } from "./errors";

/** How long a writer waits for another connection's write lock before SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/**
 * Per-connection settings, applied to every connection Tandem opens (app client and migrations).
 * WAL lets readers proceed while the one writer writes; foreign_keys is off by default in SQLite
 * and the schema's cascades depend on it; synchronous=NORMAL is the recommended (and durable
 * except for the very last commits on power loss) setting for WAL; journal_size_limit trims the log
 * file back after a burst of large writes. (The server checkpoints the log on a thread of its
 * own: checkpointer.ts.)
 */
export const SQLITE_PRAGMAS = [
  "PRAGMA journal_mode = WAL",
  "PRAGMA foreign_keys = ON",
  `PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`,
  "PRAGMA synchronous = NORMAL",
  "PRAGMA journal_size_limit = 67108864",
];

const HEADER = Buffer.from("SQLite format 3\0", "latin1");

/**
 * Creates the database's folder if missing and checks that an existing file is a SQLite database.
 * Throws DatabaseConnectionError naming the file otherwise. Never writes to the file.
 */
export function prepareSqliteFile(config: SqliteConfig): void {
  const dir = path.dirname(config.file);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new DatabaseConnectionError(
      `Cannot create the folder ${dir} for the SQLite database: ${errorText(error)}`,
      config.file,
      { cause: error },
    );
  }
  let size: number;
  try {
    const stat = statSync(config.file);
    if (!stat.isFile()) throw new DatabaseConnectionError(`${config.file} is not a file, so it cannot be the SQLite database.`, config.file);
    size = stat.size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return; // SQLite creates it.
    if (error instanceof DatabaseConnectionError) throw error;
    throw new DatabaseConnectionError(`Cannot read ${config.file}: ${errorText(error)}`, config.file, { cause: error });
  }
  if (size === 0) return; // SQLite treats an empty file as an empty database.
  const head = Buffer.alloc(HEADER.length);
  const fd = openSync(config.file, "r");
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (size < 512 || !head.equals(HEADER)) throw notADatabase(config);
}

/** Opens a better-sqlite3 connection with SQLITE_PRAGMAS applied. */
export function openSqlite(config: SqliteConfig): Database.Database {
  prepareSqliteFile(config);
  let db: Database.Database | undefined;
  try {
    db = new Database(config.file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
    for (const pragma of SQLITE_PRAGMAS) db.exec(pragma);
    return db;
  } catch (error) {
    db?.close();
    throw sqliteOpenError(config, error);
  }
}

/** Wraps an error raised while opening or first using the file into a message naming the file. */
export function sqliteOpenError(config: SqliteConfig, error: unknown): DatabaseConnectionError {
  const code = (error as { code?: unknown }).code;
  if (code === "SQLITE_NOTADB" || code === "SQLITE_CORRUPT") return notADatabase(config, error);
  return new DatabaseConnectionError(
    `Cannot open the SQLite database ${config.file}: ${errorText(error)}`,
    config.file,
    { cause: error },
  );
}

function notADatabase(config: SqliteConfig, cause?: unknown): DatabaseConnectionError {
  return new DatabaseConnectionError(
    `${config.file} is not a SQLite database (or it is corrupt). Tandem has not changed it.\n` +
      "  Move it away to start with a new database, or set DATABASE_URL to another file.",
    config.file,
    { cause },
  );
}
