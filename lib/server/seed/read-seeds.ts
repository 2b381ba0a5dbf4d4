/**
 * Reading seed notebooks from disk: parse, validate against nbformat 4.5, read the lesson
 * metadata, hash the bytes. All files are read and checked before anything is written, so one bad
 * file stops the load with a message that names it, and nothing is half-loaded.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parseStrictIpynb } from "../../notebook/nbformat/validate";
import { readTandemCellMeta, tandemNotebookMeta, type TandemLessonMeta } from "../../notebook/lesson-meta";
import type { StrictNotebook } from "../../notebook/nbformat/schema";
import { describeIssues, type Issues } from "../../notebook/nbformat/validate";
import { $ZodError } from "zod/v4/core";

export interface SeedFile {
  /** Path relative to the project root, e.g. notebooks/python-internals.ipynb. */
  path: string;
  hash: string;
  notebook: StrictNotebook;
  lesson: TandemLessonMeta;
}

export class SeedError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`Seed notebook ${file} is invalid:\n${problem.replace(/^/gm, "  ")}`);
    this.name = "SeedError";
  }
}

/** Reads and checks one seed file; throws SeedError naming the file and the problem. */
export function readSeedFile(absolutePath: string, root: string): SeedFile {
  const path = relative(root, absolutePath) || absolutePath;
  const bytes = readFileSync(absolutePath);
  const parsed = parseStrictIpynb(bytes.toString("utf8"));
  if (!parsed.ok) throw new SeedError(path, parsed.message);
  const notebook = parsed.value;
  const meta = tandemNotebookMeta.safeParse(notebook.metadata.tandem ?? {});
  if (!meta.success) throw new SeedError(path, describeIssues(prefix(meta.error, "metadata.tandem")));
  if (!meta.data.lesson) throw new SeedError(path, "metadata.tandem.lesson is missing: a seed notebook must describe its lesson");
  notebook.cells.forEach((cell, index) => {
    try {
      readTandemCellMeta(cell.metadata);
    } catch (error) {
      const issues = error instanceof $ZodError ? describeIssues(prefix(error, `cells[${index}].metadata.tandem`)) : String(error);
      throw new SeedError(path, issues);
    }
  });
  const hash = createHash("sha256").update(bytes).digest("hex");
  return { path, hash, notebook, lesson: meta.data.lesson };
}

function prefix(error: $ZodError, path: string): Issues {
  return { issues: error.issues.map((issue) => ({ ...issue, path: [...path.split("."), ...issue.path] })) };
}

/** Reads every *.ipynb in `dir` (sorted by name); checks that lesson slugs are unique. */
export function readSeedDirectory(dir: string, root: string): SeedFile[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith(".ipynb"))
    .sort()
    .map((name) => readSeedFile(join(dir, name), root));
  const seen = new Map<string, string>();
  for (const file of files) {
    const other = seen.get(file.lesson.slug);
    if (other) throw new SeedError(file.path, `lesson slug "${file.lesson.slug}" is already used by ${other}`);
    seen.set(file.lesson.slug, file.path);
  }
  return files;
}
