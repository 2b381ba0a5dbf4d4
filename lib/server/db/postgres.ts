// PostgreSQL connection details shared by the app's client (PrismaPg) and the migration runner
// (plain `pg`): both must land in the same schema and fail with the same clear message.
import pg from "pg";
import { describePostgresTarget, type PostgresConfig } from "./config";
import { DatabaseConnectionError, errorText } from "./errors";

/**
 * Pool/client config for `pg`. The `schema` URL parameter is Prisma's convention, unknown to pg:
 * it becomes the session's search_path (so raw SQL and migrations, which use unqualified names,
 * land in it) while PrismaPg qualifies the client's own queries with it (see createAdapterFactory).
 * search_path goes into the URL's `options` because pg lets connection-string values override
 * explicit config fields.
 */
export function pgConnectionConfig(config: PostgresConfig): pg.ClientConfig {
  const url = new URL(config.url);
  url.searchParams.delete("schema");
  const existing = url.searchParams.get("options");
  const searchPath = `-c search_path="${config.schema}"`;
  url.searchParams.set("options", existing ? `${existing} ${searchPath}` : searchPath);
  return { connectionString: url.toString(), connectionTimeoutMillis: 10_000 };
}

/** A connected `pg.Client`, or a DatabaseConnectionError naming host and database (never the password). */
export async function connectPg(config: PostgresConfig): Promise<pg.Client> {
  const client = new pg.Client(pgConnectionConfig(config));
  // An idle client whose server goes away emits 'error'; without a listener that kills the process.
  client.on("error", () => {});
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => {});
    throw pgConnectionError(config, error);
  }
}

export function pgConnectionError(config: PostgresConfig, error: unknown): DatabaseConnectionError {
  const target = describePostgresTarget(config.url);
  return new DatabaseConnectionError(
    `Cannot connect to PostgreSQL ${target}: ${errorText(error) || "connection failed"}.\n` +
      "  Check that the server is running and that DATABASE_URL names the right host, port, database and user.",
    target,
    { cause: error },
  );
}

/** Double-quoted SQL identifier (schema names are validated by config, this is belt and braces). */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
