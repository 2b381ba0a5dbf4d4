// prisma/schema.prisma is written for SQLite and is the single source of truth; the PostgreSQL
// schema is derived from it by swapping the datasource provider (Prisma requires the schema's
// provider to match the driver adapter, so each database needs its own generated client).
//
// Files (paths relative to the project root):
//   prisma/schema.prisma                        the data model (provider "sqlite")
//   lib/server/db/generated/postgresql.prisma   derived, gitignored; client output ./postgresql
//   lib/server/db/generated/{sqlite,postgresql}/ the generated clients, gitignored
//   prisma/migrations/schema.prisma.snapshot    schema.prisma as of the latest migration, committed;
//                                               `db:migration` diffs it against schema.prisma. It
//                                               has no .prisma extension so that Prisma tooling
//                                               never mistakes it for part of the schema.
import { readFileSync } from "node:fs";
import path from "node:path";
import { type DbProvider } from "../config";

/** A schema as the schema engine takes it: a name (for messages) and the text. */
export type SchemaFile = { path: string; content: string };

export const PROVIDERS: readonly DbProvider[] = ["sqlite", "postgresql"];

export const SCHEMA_PATH = "prisma/schema.prisma";
export const GENERATED_DIR = "lib/server/db/generated";
export const SNAPSHOT_PATH = "prisma/migrations/schema.prisma.snapshot";

/** Where a provider's schema file lives (the derived one for PostgreSQL). */
export function schemaPathFor(provider: DbProvider, root: string): string {
  return provider === "sqlite" ? path.join(root, SCHEMA_PATH) : path.join(root, GENERATED_DIR, "postgresql.prisma");
}

/** Where a provider's generated client lives. */
export function clientDirFor(provider: DbProvider, root: string): string {
  return path.join(root, GENERATED_DIR, provider);
}

export function readSchemaText(root: string): string {
  return readFileSync(path.join(root, SCHEMA_PATH), "utf8");
}

/**
 * The schema text for `provider`, from the SQLite source. For PostgreSQL the datasource provider
 * becomes "postgresql" and, when `output` is given, the generator writes there instead.
 */
export function schemaForProvider(source: string, provider: DbProvider, output?: string): string {
  const datasources = [...source.matchAll(/^datasource\s+\w+\s*\{[^}]*\}/gm)];
  if (datasources.length !== 1) {
    throw new Error(`${SCHEMA_PATH} must have exactly one datasource block (found ${datasources.length}).`);
  }
  const block = datasources[0]![0];
  if (!/^\s*provider\s*=\s*"sqlite"\s*$/m.test(block)) {
    throw new Error(`${SCHEMA_PATH}: the datasource provider must be "sqlite" (PostgreSQL is derived from it). Found:\n${block}`);
  }
  if (provider === "sqlite") return source;
  let derived = source.replace(block, block.replace(/^(\s*provider\s*=\s*)"sqlite"/m, '$1"postgresql"'));
  if (output !== undefined) {
    const generators = [...derived.matchAll(/^generator\s+\w+\s*\{[^}]*\}/gm)];
    if (generators.length !== 1 || !/^\s*output\s*=/m.test(generators[0]![0])) {
      throw new Error(`${SCHEMA_PATH} must have exactly one generator block, with an output.`);
    }
    const generator = generators[0]![0];
    derived = derived.replace(generator, generator.replace(/^(\s*output\s*=\s*)"[^"]*"/m, `$1${JSON.stringify(output)}`));
  }
  return (
    `// GENERATED from ${SCHEMA_PATH} by scripts/prisma-generate.ts for PostgreSQL. Do not edit:\n` +
    `// edit ${SCHEMA_PATH} and run \`npm run db:generate\`.\n\n` +
    derived
  );
}

/** The schema for `provider` as the engine takes it (the generator output does not matter there). */
export function schemaFileFor(source: string, provider: DbProvider): SchemaFile {
  return { path: `schema.${provider}.prisma`, content: schemaForProvider(source, provider) };
}
