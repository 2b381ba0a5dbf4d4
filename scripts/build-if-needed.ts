/**
 * `next build` when, and only when, the app's sources changed since the last build: a second
 * `npm start` reuses the build and is up in seconds. The inputs' contents are hashed (mtimes lie
 * after a fresh clone); the hash of the last successful build is kept in .next/.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { prepareKernelAssets } from "../lib/server/kernel/assets";
import { copyVizLibraries } from "../lib/server/output/viz-libraries";

const INPUTS = ["app", "components", "lib", "public", "types", "next.config.ts", "tsconfig.json", "package-lock.json", "prisma/schema.prisma"];
// The kernel's and charts' generated files come from lib/ and package-lock.json, hashed already.
const SKIP = /(^|\/)(node_modules|\.next|[^/]+\.test\.tsx?$)|^public\/(pyodide|kernel|viz)\//;

function files(root: string, entry: string): string[] {
  const path = join(root, entry);
  if (!existsSync(path)) return [];
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name))
    .filter((p) => !SKIP.test(relative(root, p)));
}

export function sourceHash(root: string): string {
  const hash = createHash("sha256");
  for (const file of INPUTS.flatMap((entry) => files(root, entry)).sort()) {
    hash.update(relative(root, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

/** Builds the Next app when needed. Returns whether it built. Exits the process if the build fails. */
export function buildIfNeeded(root: string, { force = false } = {}): boolean {
  // The worker bundle, Pyodide's files and the chart libraries are served from public/, next to the build.
  prepareKernelAssets(root);
  copyVizLibraries(root);
  const stamp = join(root, ".next", "tandem-source-hash");
  const hash = sourceHash(root);
  const built = existsSync(join(root, ".next", "BUILD_ID")) && existsSync(stamp);
  if (!force && built && readFileSync(stamp, "utf8") === hash) return false;
  console.log(force ? "Building the app…" : "Building the app (sources changed since the last build)…");
  const nextBin = createRequire(join(root, "package.json")).resolve("next/dist/bin/next");
  const result = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) {
    console.error("\nThe build failed; see the messages above.");
    process.exit(result.status ?? 1);
  }
  writeFileSync(stamp, hash);
  return true;
}
