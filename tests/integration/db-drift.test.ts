/**
 * The committed migrations build exactly prisma/schema.prisma (apply them all to an empty
 * database, diff it against the schema: nothing left). A schema edited without
 * `npm run db:migration` fails here. On SQLite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { migrationsDirFor } from "@/lib/server/db/migrations/files";
import { migrateAndDiff } from "@/lib/server/db/migrations/drift";
import { diffSchemas } from "@/lib/server/db/migrations/engine";
import { PROVIDERS, SNAPSHOT_PATH, readSchemaText, schemaFileFor } from "@/lib/server/db/migrations/schema-files";
import { projectRoot, testBackends } from "../support/databases";

for (const backend of testBackends()) {
  describe(`committed migrations on ${backend.name}`, () => {
    it("build exactly prisma/schema.prisma", async () => {
      const { config, cleanup } = await backend.makeConfig();
      try {
        const drift = await migrateAndDiff(config, migrationsDirFor(backend.name, projectRoot), readSchemaText(projectRoot));
        expect(drift, "prisma/schema.prisma changed without a migration: run `npm run db:migration -- <name>`").toBeNull();
      } finally {
        await cleanup();
      }
    });
  });
}

describe("the migration snapshot", () => {
  // db:migration diffs from prisma/migrations/schema.prisma.snapshot. It must describe the same
  // tables as prisma/schema.prisma (comments may differ), for both databases; checked offline.
  for (const provider of PROVIDERS) {
    it(`describes the same ${provider} tables as prisma/schema.prisma`, async () => {
      const snapshot = readFileSync(path.join(projectRoot, SNAPSHOT_PATH), "utf8");
      const source = readSchemaText(projectRoot);
      expect(await diffSchemas(provider, schemaFileFor(snapshot, provider), schemaFileFor(source, provider))).toBeNull();
    });
  }
});
