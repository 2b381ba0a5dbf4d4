/**
 * Exports as Jupyter's own writer makes them (issue 17): real notebooks written by Jupyter's tools
 * (tests/fixtures/jupyter, nbformat's and nbconvert's test files; tests/fixtures/notebooks and
 * rendering) go through the app's import and export tasks, and Debian's python3-nbformat (which
 * `.ci/run` installs) compares each export with what nbformat writes for the original file
 * (tests/support/nbformat_check.py). Also: two imports of the same file export byte for byte
 * alike (ids derived, not random), and an export imported and exported again is unchanged.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runInline } from "@/lib/server/work/tasks";
import { projectRoot } from "../support/databases";

const PYTHON = process.env.TANDEM_PYTHON ?? "/usr/bin/python3";
const FOLDERS = ["tests/fixtures/jupyter", "tests/fixtures/notebooks", "tests/fixtures/rendering"];

const files = FOLDERS.flatMap((folder) =>
  readdirSync(path.join(projectRoot, folder))
    .filter((name) => name.endsWith(".ipynb"))
    .map((name) => ({ name: `${path.basename(folder)}/${name}`, text: readFileSync(path.join(projectRoot, folder, name), "utf8") })),
);

function exportOf(text: string): string {
  const imported = runInline("importIpynb", text);
  if (!imported.ok) throw new Error(`import refused: ${imported.message}`);
  return runInline("exportFile", { state: imported.value.stored.snapshot, format: "ipynb", title: "t" }).body;
}

interface Verdict {
  name: string;
  same_as_nbformat: boolean;
  resave_unchanged: boolean;
  valid: boolean;
  problem: string | null;
}

describe("exports in Jupyter's own form", () => {
  it(`has a corpus of real notebooks (${files.length})`, () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  for (const file of files) {
    it(`${file.name}: two imports export alike, and an export re-imported exports unchanged`, () => {
      const once = exportOf(file.text);
      expect(exportOf(file.text)).toBe(once);
      expect(exportOf(once)).toBe(once);
      expect(once.endsWith("}\n")).toBe(true);
    });
  }

  it("a version stored under the old rule (base64 split into lines) is the same cells as the document now: no extra version", () => {
    const imported = runInline("importIpynb", files.find((f) => f.name === "jupyter/nbconvert-pngmetadata.ipynb")!.text);
    if (!imported.ok) throw new Error(imported.message);
    const state = imported.value.stored.snapshot;
    const cells = runInline("cellsOf", state);
    const split = (text: string) => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
    const old = cells.map((cell) =>
      cell.cell_type === "code"
        ? { ...cell, outputs: cell.outputs.map((o) => (o.data ? { ...o, data: Object.fromEntries(Object.entries(o.data).map(([m, v]) => [m, typeof v === "string" ? split(v) : v])) } : o)) }
        : cell,
    );
    expect(JSON.stringify(old)).not.toBe(JSON.stringify(cells));
    expect(runInline("versionOf", { state, latestCells: JSON.stringify(old) })).toBeNull();
    expect(runInline("versionOf", { state, latestCells: JSON.stringify(cells.slice(1)) })).not.toBeNull();
  });

  it("every export is what nbformat writes for its original, survives a Jupyter re-save unchanged and validates", () => {
    expect(existsSync(PYTHON), `${PYTHON} is missing: install Debian's python3-nbformat (apt-get install python3-nbformat), or set TANDEM_PYTHON`).toBe(true);
    const items = files.map((file) => ({ name: file.name, original: file.text, exported: exportOf(file.text) }));
    let output: string;
    try {
      output = execFileSync(PYTHON, [path.join(projectRoot, "tests/support/nbformat_check.py")], { input: JSON.stringify(items), encoding: "utf8", maxBuffer: 64 << 20 });
    } catch (error) {
      throw new Error(`nbformat's check did not run (is python3-nbformat installed? apt-get install python3-nbformat): ${(error as Error).message}`);
    }
    const verdicts = JSON.parse(output) as Verdict[];
    const wrong = verdicts.filter((v) => !v.same_as_nbformat || !v.resave_unchanged || !v.valid);
    expect(wrong).toEqual([]);
    expect(verdicts).toHaveLength(files.length);
  });
});
