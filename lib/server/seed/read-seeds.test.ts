import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readSeedDirectory, readSeedFile, SeedError } from "./read-seeds";

const lessonText = readFileSync(new URL("../../../notebooks/python-internals.ipynb", import.meta.url), "utf8");

function seedDir(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "tandem-seeds-"));
  mkdirSync(join(root, "notebooks"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, "notebooks", name), text);
  return root;
}

function errorOf(fn: () => unknown): SeedError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SeedError) return error;
    throw error;
  }
  throw new Error("expected a SeedError");
}

describe("readSeedFile", () => {
  it("reads the shipped lesson with its catalogue data and a content hash", () => {
    const root = seedDir({ "lesson.ipynb": lessonText });
    const seed = readSeedFile(join(root, "notebooks", "lesson.ipynb"), root);
    expect(seed.path).toBe("notebooks/lesson.ipynb");
    expect(seed.lesson).toMatchObject({ slug: "python-internals", title: "Python Internals", level: "advanced" });
    expect(seed.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("names the file and the line of a JSON syntax error", () => {
    const root = seedDir({ "bad.ipynb": '{\n "cells": [\n' });
    const error = errorOf(() => readSeedFile(join(root, "notebooks", "bad.ipynb"), root));
    expect(error.file).toBe("notebooks/bad.ipynb");
    expect(error.message).toMatch(/notebooks\/bad\.ipynb is invalid/);
    expect(error.message).toMatch(/not valid JSON \(line \d+, column \d+\)/);
  });

  it("names the JSON path of an nbformat problem", () => {
    const nb = JSON.parse(lessonText) as { cells: Array<Record<string, unknown>> };
    delete nb.cells[2]!.execution_count;
    const root = seedDir({ "x.ipynb": JSON.stringify(nb) });
    expect(errorOf(() => readSeedFile(join(root, "notebooks", "x.ipynb"), root)).message).toContain("cells[2]");
  });

  it("requires lesson metadata and checks Tandem's cell metadata", () => {
    const nb = JSON.parse(lessonText) as { metadata: Record<string, unknown>; cells: Array<{ metadata: Record<string, unknown> }> };
    const noLesson = structuredClone(nb);
    delete noLesson.metadata.tandem;
    const root = seedDir({ "a.ipynb": JSON.stringify(noLesson) });
    expect(errorOf(() => readSeedFile(join(root, "notebooks", "a.ipynb"), root)).message).toContain(
      "metadata.tandem.lesson is missing",
    );
    const badCell = structuredClone(nb);
    badCell.cells[2]!.metadata = { tandem: { expect: { outcome: "maybe" } } };
    const root2 = seedDir({ "b.ipynb": JSON.stringify(badCell) });
    expect(errorOf(() => readSeedFile(join(root2, "notebooks", "b.ipynb"), root2)).message).toContain(
      "cells[2].metadata.tandem.expect",
    );
  });
});

describe("readSeedDirectory", () => {
  it("refuses two lessons with one slug, naming both files", () => {
    const root = seedDir({ "a.ipynb": lessonText, "b.ipynb": lessonText });
    const error = errorOf(() => readSeedDirectory(join(root, "notebooks"), root));
    expect(error.file).toBe("notebooks/b.ipynb");
    expect(error.message).toContain("already used by notebooks/a.ipynb");
  });

  it("ignores files that are not notebooks", () => {
    const root = seedDir({ "lesson.ipynb": lessonText, "README.md": "# notes" });
    expect(readSeedDirectory(join(root, "notebooks"), root)).toHaveLength(1);
  });
});
