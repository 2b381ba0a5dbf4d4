/**
 * The .py download of real Jupyter notebooks (tests/fixtures/jupyter, tests/fixtures/notebooks)
 * through the app's import and export tasks: each compiles with Python (magics and shell commands
 * commented out as jupytext comments them), and imports back (the .py import) to the same cells as
 * jupytext's percent format reads them: types and sources, a source's final newline aside, which
 * the format does not keep (jupytext keeps it as `lines_to_next_cell`).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runInline } from "@/lib/server/work/tasks";
import { projectRoot } from "../support/databases";

const PYTHON = process.env.TANDEM_PYTHON ?? "/usr/bin/python3";
const FOLDERS = ["tests/fixtures/jupyter", "tests/fixtures/notebooks"];
const files = FOLDERS.flatMap((folder) =>
  readdirSync(path.join(projectRoot, folder))
    .filter((name) => name.endsWith(".ipynb"))
    .map((name) => ({ name: `${path.basename(folder)}/${name}`, text: readFileSync(path.join(projectRoot, folder, name), "utf8") })),
);
const work = mkdtempSync(path.join(tmpdir(), "tandem-py-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function stateOf(text: string): Uint8Array {
  const imported = runInline("importIpynb", text);
  if (!imported.ok) throw new Error(`import refused: ${imported.message}`);
  return imported.value.stored.snapshot;
}

const sourcesOf = (state: Uint8Array) => runInline("cellsOf", state).map((c) => [c.cell_type, c.source.join("").replace(/\n$/, "")]);

describe("the .py export of Jupyter's notebooks", () => {
  it.each(files)("$name: compiles (Python notebooks) and imports back to the same cells", ({ name, text }) => {
    const state = stateOf(text);
    const { body, extension } = runInline("exportFile", { state, format: "py", title: "t" });
    if (extension === "py") {
      const file = path.join(work, `${name.replace(/\W/g, "_")}.py`);
      writeFileSync(file, body);
      execFileSync(PYTHON, ["-m", "py_compile", file], { stdio: "pipe" });
    }
    const back = runInline("importScript", { text: body, extension: `.${extension}` });
    if (!back.ok) throw new Error(back.message);
    expect(sourcesOf(back.value.stored.snapshot)).toEqual(sourcesOf(state));
    // and the script of the imported script is the same file
    expect(runInline("exportFile", { state: back.value.stored.snapshot, format: "py", title: "t" }).body).toBe(body);
  });

  it("keeps magics, shell commands, %%html cells and an already commented line through a round trip, and compiles", () => {
    const state = stateOf(readFileSync(path.join(projectRoot, "tests/fixtures/jupytext/tandem/magics.ipynb"), "utf8"));
    const { body } = runInline("exportFile", { state, format: "py", title: "t" });
    expect(body).toBe(readFileSync(path.join(projectRoot, "tests/fixtures/jupytext/tandem/magics.py"), "utf8"));
    const file = path.join(work, "magics.py");
    writeFileSync(file, body);
    execFileSync(PYTHON, ["-m", "py_compile", file], { stdio: "pipe" });
    const back = runInline("importScript", { text: body, extension: ".py" });
    if (!back.ok) throw new Error(back.message);
    const cells = runInline("cellsOf", back.value.stored.snapshot);
    expect(cells.map((c) => c.source.join(""))).toEqual([
      "# Magics\n\nShell commands and magics are commented out; quoted strings are not.",
      "%matplotlib inline\n!pip install x\nimport os\n# !curl https://example.org\nfiles = !ls\nprint('%d' % 3)   ",
      "%%html\n<b>bold</b>",
      "def f():\n    return '''\n!not a magic\n'''",
      "f()",
      "<i>raw</i>",
    ]);
  });
});
