/**
 * Notebooks as scripts in jupytext's "percent" format (format_version 1.3), both ways, ported
 * from jupytext 1.19 (MIT; jupytext.py writes/reads, header.py, cell_to_text.py
 * DoublePercentCellExporter, cell_reader.py DoublePercentScriptCellReader) so that the file
 * Tandem writes is the file `jupytext --to py:percent` writes, and a file jupytext writes imports
 * as the notebook jupytext reads. A YAML header commented out holds the kernelspec and
 * jupytext's text_representation; each cell starts with a `# %%` line carrying its metadata;
 * markdown and raw cells and other-language (`%%html`) cells are commented out, and so are magics
 * and shell commands in code (`# %matplotlib inline`, `# !pip install x`), so a .py compiles.
 * The comment and extension follow the notebook's language (R: .R and #, C#: .cs and //).
 * Left out: the notebook and cell metadata filters of a jupytext section (the defaults apply)
 * and jupytext's configuration files; PyYAML's folding of strings past 80 columns.
 */
export { JUPYTEXT_VERSION, PERCENT_FORMAT_VERSION, type ScriptCell, type ScriptNotebook } from "./percent-common";
export { notebookFromPercent, type PercentReadResult } from "./percent-read";
export { percentFromNotebook } from "./percent-write";
