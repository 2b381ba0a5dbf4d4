/**
 * Reading what Jupyter reads (issue 17): nbformat's own test files that an older Tandem refused,
 * though `nbformat.read(..., as_version=4)` opens them (nbformat 2 and 3, a future minor version
 * with keys it adds, cells of unknown or old types, invalid ids and metadata, no minor version),
 * import here; what the import changed is listed; the export is a valid notebook; and its cells
 * are the cells nbformat reads (type and text). Debian's python3-nbformat does nbformat's part
 * (tests/support/nbformat_reads.py).
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runInline } from "@/lib/server/work/tasks";
import { projectRoot } from "../support/databases";

const PYTHON = process.env.TANDEM_PYTHON ?? "/usr/bin/python3";
const FOLDER = path.join(projectRoot, "tests/fixtures/jupyter/repair");
const files = readdirSync(FOLDER)
  .filter((name) => name.endsWith(".ipynb"))
  .map((name) => ({ name, text: readFileSync(path.join(FOLDER, name), "utf8") }));

function importOf(text: string) {
  const imported = runInline("importIpynb", text);
  if (!imported.ok) throw new Error(`import refused: ${imported.message}`);
  return { notes: imported.value.notes, exported: runInline("exportFile", { state: imported.value.stored.snapshot, format: "ipynb", title: "t" }).body };
}

interface Verdict {
  name: string;
  nbformat_reads: boolean;
  export_valid: boolean;
  nbformat_cells: { cell_type: string; source: string; level?: number }[] | null;
  export_cells: { cell_type: string; source: string }[] | null;
  problem: string | null;
}

describe("reading what Jupyter reads", () => {
  it("says what it changed: an old format converted, keys and fields dropped, ids replaced", () => {
    const notes = (name: string) => importOf(files.find((f) => f.name === name)!.text).notes;
    expect(notes("nbformat-test3.ipynb")[0]).toBe("(notebook): converted from nbformat 3 to 4, as Jupyter converts it");
    expect(notes("nbformat-test2.ipynb")[0]).toBe("(notebook): converted from nbformat 2 to 4, as Jupyter converts it");
    expect(notes("nbformat-test4plus.ipynb")).toEqual(
      expect.arrayContaining([
        '(notebook): "extra" is not part of nbformat 4: dropped',
        'cells[0]: "extra" is not part of a markdown cell: dropped',
        'cells[3]: "future" is not part of a code cell: dropped',
        'cells[3].outputs[0]: "extra" is not part of a stream output: dropped',
        'cells[9]: a cell of type "future cell", which no nbformat version knows: kept as a raw cell with its text',
      ]),
    );
    expect(notes("nbformat-invalid_cell_id.ipynb")).toEqual([
      'cells[0].id: "$illegal_chars" is not a cell id nbformat allows (1-64 of a-z A-Z 0-9 - _): replaced',
    ]);
    expect(notes("nbformat-no_min_version.ipynb")).toEqual(["nbformat_minor: was missing: read as 0"]);
    expect(notes("nbformat-v4_5_no_cell_id.ipynb")).toEqual([]);
  });

  it("converts nbformat 3 to the expected file (which the end-to-end import downloads and compares)", () => {
    const expected = readFileSync(path.join(projectRoot, "tests/fixtures/jupyter/expected/nbformat-test3.ipynb"), "utf8");
    expect(importOf(files.find((f) => f.name === "nbformat-test3.ipynb")!.text).exported).toBe(expected);
  });

  it("skips a UTF-8 byte-order mark", () => {
    const text = files.find((f) => f.name === "nbformat-v4_5_no_cell_id.ipynb")!.text;
    expect(importOf(`\uFEFF${text}`).exported).toBe(importOf(text).exported);
  });

  it("still refuses what cannot be repaired, by path", () => {
    const refused = runInline("importIpynb", JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: "code", source: 42, metadata: {} }] }));
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.message).toMatch(/^cells\[0\]\.source: /);
    const major = runInline("importIpynb", JSON.stringify({ nbformat: 5, nbformat_minor: 0, metadata: {}, cells: [] }));
    expect(!major.ok && major.code).toBe("not_nbformat4");
  });

  it("imports every file nbformat reads, to a valid notebook with the cells nbformat reads", () => {
    const items = files.map((file) => ({ name: file.name, original: file.text, exported: importOf(file.text).exported }));
    const output = execFileSync(PYTHON, [path.join(projectRoot, "tests/support/nbformat_reads.py")], { input: JSON.stringify(items), encoding: "utf8", maxBuffer: 64 << 20 });
    const verdicts = JSON.parse(output) as Verdict[];
    expect(verdicts).toHaveLength(files.length);
    for (const v of verdicts) {
      expect({ name: v.name, reads: v.nbformat_reads, valid: v.export_valid, problem: v.problem }).toEqual({ name: v.name, reads: true, valid: true, problem: null });
      // The same cells, but where Tandem had to choose: a heading cell left in a v4 file becomes
      // markdown as nbformat's own v3 upgrade makes it; a type no version knows, a raw cell.
      const expected = v.nbformat_cells!.map((c) =>
        c.cell_type === "heading"
          ? { cell_type: "markdown", source: `${"#".repeat(c.level ?? 1)} ${c.source}` }
          : ["code", "markdown", "raw"].includes(c.cell_type)
            ? { cell_type: c.cell_type, source: c.source }
            : { cell_type: "raw", source: c.source ?? "" },
      );
      const typeAndText = (c: { cell_type: string; source: string }) => ({ cell_type: c.cell_type, source: c.source });
      expect(v.export_cells!.map(typeAndText), v.name).toEqual(expected);
      // A file nbformat converts (2, 3) is converted exactly as nbformat does, outputs and counts too.
      if (/test[23]\.ipynb$/.test(v.name)) expect(v.export_cells, v.name).toEqual(v.nbformat_cells);
    }
  });
});
