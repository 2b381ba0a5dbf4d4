/**
 * The chart libraries that output frames load (lib/output/viz.ts), copied from node_modules into
 * public/viz/ (gitignored) with a brotli copy of each beside it, which kernel-assets.ts serves to
 * browsers that take it (Plotly's 4.8 MB goes out as about 1 MB). Like the kernel's files, written
 * by the build step (scripts/build-if-needed.ts) and by the development server, each file only when
 * it changed, so that a second run costs a few reads.
 *
 * Runs under plain Node (tsx), outside Next: no "server-only" here (docs/adr/0002-import-boundaries.md).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";
import { VIZ_LIBRARY_FILES, VIZ_PATH } from "../../output/viz";

/**
 * A package's folder. Its entry is resolved rather than its package.json, which packages with an
 * `exports` map (vega's) do not export; the folder is the nearest one above it naming the package.
 */
function packageDir(root: string, name: string): string {
  const require = createRequire(join(root, "package.json"));
  let dir: string;
  try {
    dir = dirname(require.resolve(name));
  } catch (error) {
    throw new Error(`The chart library ${name} is not installed (npm install): ${error instanceof Error ? error.message : error}`, { cause: error });
  }
  for (; dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name === name) return dir;
  }
  throw new Error(`No package.json naming ${name} above ${require.resolve(name)}`);
}

function writeAtomically(path: string, bytes: Uint8Array): void {
  writeFileSync(`${path}.tmp`, bytes);
  renameSync(`${path}.tmp`, path);
}

/** Copies the libraries into public/viz/, each with its `.br`. Returns the names it (re)wrote. */
export function copyVizLibraries(root: string): string[] {
  const target = join(root, "public", VIZ_PATH);
  mkdirSync(target, { recursive: true });
  const written: string[] = [];
  for (const { name, package: pkg, file } of VIZ_LIBRARY_FILES) {
    const from = join(packageDir(root, pkg), file);
    if (!existsSync(from)) throw new Error(`node_modules/${pkg} has no ${file}: is it the version package.json names?`);
    const bytes = readFileSync(from);
    const to = join(target, name);
    if (existsSync(to) && existsSync(`${to}.br`) && readFileSync(to).equals(bytes)) continue;
    // The compressed copy first: a copy whose .br is missing or stale is never left behind.
    const quality = { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength };
    writeAtomically(`${to}.br`, brotliCompressSync(bytes, { params: quality }));
    writeAtomically(to, bytes);
    written.push(name);
  }
  return written;
}
