/**
 * A notebook as a Python script in the "percent" format that Jupytext, VS Code, Spyder and PyCharm
 * read as cells: each cell starts with a `# %%` line; markdown and raw cells are commented out
 * under `# %% [markdown]` / `# %% [raw]`. Outputs are not part of a script.
 */
import type { IpynbNotebook } from "./convert";
import { joinMultiline } from "./lines";

function commented(text: string): string {
  return text
    .split("\n")
    .map((line) => (line ? `# ${line}` : "#"))
    .join("\n");
}

export function scriptFromIpynb(nb: IpynbNotebook, title: string): string {
  const header = `# ${title.replace(/\s+/g, " ").trim()}\n# Exported from Tandem as a Python script (percent format: "# %%" starts a cell).\n`;
  const cells = nb.cells.map((cell) => {
    const source = joinMultiline(cell.source).replace(/\s+$/, "");
    if (cell.cell_type === "code") return `# %%\n${source}`;
    return `# %% [${cell.cell_type}]\n${commented(source)}`;
  });
  return `${header}\n${cells.join("\n\n")}\n`;
}
