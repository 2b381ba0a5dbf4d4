// Generates the two Prisma clients (SQLite and PostgreSQL) offline. Used by
// scripts/prisma-generate.ts (npm postinstall, db:generate) and scripts/db-migration.ts.
//
// `prisma generate` itself needs no schema engine, but the CLI insists on locating (and otherwise
// downloading) the native one first: PRISMA_SCHEMA_ENGINE_BINARY pointing at any existing file
// satisfies that check. A config file of our own (--config) keeps any prisma.config.ts in the
// project (which may require DATABASE_URL) out of code generation.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { type DbProvider } from "../config";
import { GENERATED_DIR, PROVIDERS, clientDirFor, readSchemaText, schemaForProvider, schemaPathFor } from "./schema-files";

/** Bump when the derivation or the generation options change, to invalidate existing output. */
const GENERATOR_REVISION = 1;

export type GenerateResult = { skipped: boolean; providers: DbProvider[]; ms: number };

export async function generateClients(root: string, options: { force?: boolean } = {}): Promise<GenerateResult> {
  const started = Date.now();
  const source = readSchemaText(root);
  const generatedDir = path.join(root, GENERATED_DIR);
  const stampFile = path.join(generatedDir, "stamp.json");
  const hash = inputsHash(root, source);
  const complete = PROVIDERS.every((p) => existsSync(path.join(clientDirFor(p, root), "client.ts")));
  if (!options.force && complete && readStamp(stampFile) === hash) {
    return { skipped: true, providers: [...PROVIDERS], ms: Date.now() - started };
  }

  mkdirSync(generatedDir, { recursive: true });
  rmSync(stampFile, { force: true }); // a run that dies half-way must not look complete
  // The PostgreSQL schema lives next to its output, so the relative output path is simply ./postgresql.
  writeFileSync(schemaPathFor("postgresql", root), schemaForProvider(source, "postgresql", "./postgresql"));
  const configFile = path.join(generatedDir, "prisma.config.mjs");
  writeFileSync(configFile, "// Written by lib/server/db/migrations/generate.ts: generation needs no settings.\nexport default {};\n");

  // Two CLI processes in parallel: each is ~1.5 s, mostly start-up.
  await Promise.all(PROVIDERS.map((provider) => runPrismaGenerate(root, schemaPathFor(provider, root), configFile)));
  writeFileSync(stampFile, JSON.stringify({ hash }, null, 2) + "\n");
  return { skipped: false, providers: [...PROVIDERS], ms: Date.now() - started };
}

function inputsHash(root: string, source: string): string {
  const require = createRequire(path.join(root, "package.json"));
  const version = (pkg: string) => (require(`${pkg}/package.json`) as { version: string }).version;
  // The generator picks its import style (extensionless, .js or .ts) from tsconfig.json.
  const tsconfigFile = path.join(root, "tsconfig.json");
  const tsconfig = existsSync(tsconfigFile) ? readFileSync(tsconfigFile, "utf8") : "";
  return createHash("sha256")
    .update(JSON.stringify([GENERATOR_REVISION, version("prisma"), version("@prisma/client"), source, tsconfig]))
    .digest("hex");
}

function readStamp(file: string): string | null {
  try {
    return (JSON.parse(readFileSync(file, "utf8")) as { hash?: string }).hash ?? null;
  } catch {
    return null;
  }
}

function runPrismaGenerate(root: string, schema: string, config: string): Promise<void> {
  const cli = createRequire(path.join(root, "package.json")).resolve("prisma/build/index.js");
  const args = [cli, "generate", "--schema", schema, "--config", config];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: {
        ...process.env,
        PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath,
        CHECKPOINT_DISABLE: "1", // no update check over the network
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`prisma generate --schema ${path.relative(root, schema)} failed (exit ${code}):\n${output.trim()}`));
    });
  });
}
