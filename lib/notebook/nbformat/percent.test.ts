/**
 * The percent format against jupytext's own expected files (tests/fixtures/jupytext, from
 * jupytext's tests/data, MIT): each notebook written as jupytext writes it, byte for byte, and
 * read back to the same cells.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../util/json";
import { notebookFromPercent, percentFromNotebook, type ScriptCell } from "./percent";
import { scriptExtensionOf } from "./script-languages";

const root = path.join(process.cwd(), "tests/fixtures/jupytext");

function readIpynb(file: string): { metadata: JsonObject; cells: ScriptCell[] } {
  const nb = JSON.parse(readFileSync(file, "utf8")) as { metadata: JsonObject; cells: { cell_type: ScriptCell["cell_type"]; source: string | string[]; metadata?: JsonObject }[] };
  return { metadata: nb.metadata, cells: nb.cells.map((c) => ({ cell_type: c.cell_type, source: [c.source].flat().join(""), metadata: c.metadata ?? {} })) };
}

const inputs = readdirSync(path.join(root, "inputs")).filter((n) => n.endsWith(".ipynb"));

describe("percentFromNotebook", () => {
  it.each(inputs)("writes %s as jupytext writes it", (name) => {
    const { text, extension } = percentFromNotebook(readIpynb(path.join(root, "inputs", name)), { jupytextVersion: null });
    expect(text).toBe(readFileSync(path.join(root, "percent", name.replace(/\.ipynb$/, extension)), "utf8"));
  });

  it("names the extension and comment of the notebook's language", () => {
    const ext = (metadata: JsonObject) => percentFromNotebook({ metadata, cells: [{ cell_type: "markdown", source: "Hi", metadata: {} }] });
    expect(ext({}).extension).toBe(".py");
    expect(ext({ kernelspec: { language: "R", name: "ir", display_name: "R" } }).extension).toBe(".R");
    expect(ext({ kernelspec: { language: "julia", name: "julia-1.9", display_name: "Julia" } })).toMatchObject({ extension: ".jl" });
    const cs = ext({ kernelspec: { language: "C#", name: ".net-csharp", display_name: ".NET (C#)" } });
    expect(cs.extension).toBe(".cs");
    expect(cs.text).toContain("\n// %% [markdown]\n// Hi\n");
    expect(ext({ language_info: { name: "python", file_extension: ".py" } }).text).toBe(
      "# ---\n# jupyter:\n#   jupytext:\n#     text_representation:\n#       extension: .py\n#       format_name: percent\n#       format_version: '1.3'\n#       jupytext_version: 1.19.5\n# ---\n\n# %% [markdown]\n# Hi\n",
    );
  });

  it("writes magics, shell commands, %%html cells and commented lines as jupytext does (a fixed expected file)", () => {
    const { text } = percentFromNotebook(readIpynb(path.join(root, "tandem/magics.ipynb")));
    expect(text).toBe(readFileSync(path.join(root, "tandem/magics.py"), "utf8"));
  });
});

describe("notebookFromPercent", () => {
  it.each(inputs)("reads %s back to the same cells, and writes them again the same", (name) => {
    const nb = readIpynb(path.join(root, "inputs", name));
    const { text, extension } = percentFromNotebook(nb);
    const back = notebookFromPercent(text, extension);
    if (!back.ok) throw new Error(back.message);
    expect(back.value.cells.map((c) => [c.cell_type, c.source])).toEqual(nb.cells.map((c) => [c.cell_type, c.source]));
    expect(percentFromNotebook(back.value).text).toBe(text);
  });

  it("reads magics back uncommented, keeps an already commented line commented, and keeps metadata jupytext keeps", () => {
    const nb = readIpynb(path.join(root, "tandem/magics.ipynb"));
    const back = notebookFromPercent(readFileSync(path.join(root, "tandem/magics.py"), "utf8"), ".py");
    if (!back.ok) throw new Error(back.message);
    const cells = back.value.cells;
    expect(cells.map((c) => c.source)).toEqual(nb.cells.map((c) => c.source));
    expect(cells[1]!.source).toContain("%matplotlib inline\n!pip install x\nimport os\n# !curl https://example.org\nfiles = !ls\nprint('%d' % 3)   ");
    expect(cells[2]).toEqual({ cell_type: "code", source: "%%html\n<b>bold</b>", metadata: { tags: ["demo"] } });
    expect(cells[4]!.metadata).toEqual({}); // ExecuteTime and scrolled stay in the .ipynb only
    expect(cells[5]).toEqual({ cell_type: "raw", source: "<i>raw</i>", metadata: { raw_mimetype: "text/html" } });
    expect(back.value.metadata).toEqual({ kernelspec: nb.metadata.kernelspec });
  });

  it("reads a script without a header as jupytext does: cells split at # %%, the language from the extension", () => {
    const back = notebookFromPercent("x = 1\n\n# %% [markdown]\n# Title\n\n# %%\ny = 2\n", ".py");
    expect(back.ok && back.value).toEqual({
      metadata: { jupytext: { main_language: "python" } },
      cells: [
        { cell_type: "code", source: "x = 1", metadata: {} },
        { cell_type: "markdown", source: "Title", metadata: {} },
        { cell_type: "code", source: "y = 2", metadata: {} },
      ],
    });
    const r = notebookFromPercent("# %%\nlibrary(x)\n", ".R");
    expect(r.ok && r.value.metadata).toEqual({ jupytext: { main_language: "R" } });
  });

  it("refuses a header it cannot read, with where", () => {
    const bad = notebookFromPercent("# ---\n# jupyter:\n#   kernelspec: [unclosed\n# ---\n", ".py");
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/^\(header\): /);
  });

  it("knows script file names by jupytext's extensions", () => {
    expect(["a.py", "b.R", "c.jl", "d.cs", "e.ipynb", "f.txt", "g"].map(scriptExtensionOf)).toEqual([".py", ".R", ".jl", ".cs", null, null, null]);
  });
});
