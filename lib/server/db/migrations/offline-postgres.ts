// A PostgreSQL "driver adapter" that talks to no server, so the schema engine can diff two Prisma
// schemas for PostgreSQL (what `npm run db:migration` needs) on a machine without PostgreSQL.
//
// Schema-to-schema diffs never read the database; the engine only runs one probe query when it
// connects (does the schema exist, which server version). This adapter answers that probe and
// refuses everything else loudly, so a code path that would need a real server cannot silently
// produce a wrong migration.
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  SqlResultSet,
  Transaction,
} from "@prisma/driver-adapter-utils";

/** The version reported to the engine: the oldest PostgreSQL Tandem supports. */
const PRETEND_VERSION = { text: "PostgreSQL 14.0 (Tandem offline diff)", number: 140000 };

// ColumnTypeEnum values (Boolean, Text, Int32) from @prisma/driver-adapter-utils, written out
// because that package is only needed for its types here.
const BOOLEAN = 5;
const TEXT = 7;
const INT32 = 0;

function offline(what: string): never {
  throw new Error(
    `The offline PostgreSQL adapter cannot run ${what}: this operation needs a real PostgreSQL server.`,
  );
}

class OfflinePostgresAdapter implements SqlDriverAdapter {
  readonly provider = "postgres";
  readonly adapterName = "tandem-offline-postgres";

  async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    if (/FROM pg_namespace WHERE nspname = \$1\), version\(\)/.test(query.sql)) {
      return {
        columnNames: ["exists", "version", "numeric_version"],
        columnTypes: [BOOLEAN, TEXT, INT32],
        rows: [[true, PRETEND_VERSION.text, PRETEND_VERSION.number]],
      };
    }
    return offline(`the query ${JSON.stringify(query.sql.slice(0, 120))}`);
  }
  async executeRaw(query: SqlQuery): Promise<number> {
    return offline(`the statement ${JSON.stringify(query.sql.slice(0, 120))}`);
  }
  async executeScript(): Promise<void> {
    return offline("a script");
  }
  async startTransaction(): Promise<Transaction> {
    return offline("a transaction");
  }
  getConnectionInfo() {
    return { supportsRelationJoins: true };
  }
  async dispose(): Promise<void> {}
}

export class OfflinePostgresAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres";
  readonly adapterName = "tandem-offline-postgres";
  async connect(): Promise<SqlDriverAdapter> {
    return new OfflinePostgresAdapter();
  }
  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    return new OfflinePostgresAdapter();
  }
}
