/**
 * Runs every lesson notebook (notebooks/*.ipynb) in real Pyodide under Node, the way the browser
 * kernel runs it: every code cell, in order, in one interpreter and one namespace per notebook,
 * so state carries from cell to cell. Each cell must behave as its `metadata.tandem.expect` says
 * (`ok`: no exception; `error`: that exception class, with `match` in its message), and every
 * code cell must state an expectation.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { loadPyodide } from "pyodide";
import type { PyodideAPI } from "pyodide";
import type { PyDict, PyProxy } from "pyodide/ffi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  readTandemCellMeta,
  tandemNotebookMeta,
  type CellExpectation,
  type TandemCellMeta,
} from "../../lib/notebook/lesson-meta";

const NOTEBOOK_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../notebooks");
const PYODIDE_DIR = path.dirname(createRequire(import.meta.url).resolve("pyodide/package.json"));
const LOAD_TIMEOUT_MS = 120_000;
const CELL_TIMEOUT_MS = 60_000;

/** The parts of an nbformat 4 notebook this test reads. */
interface NotebookCell {
  id?: string;
  cell_type: string;
  source: string | string[];
  metadata?: Record<string, unknown>;
}
interface Notebook {
  cells: NotebookCell[];
  metadata?: Record<string, unknown>;
}

interface LessonCodeCell {
  /** Position among all cells, for messages about cells without an id. */
  index: number;
  id: string;
  source: string;
  metadata: Record<string, unknown> | undefined;
}

interface CellRun {
  /** Set when the cell raised: the Python exception class name and its message. */
  error?: { type: string; message: string; traceback: string };
  stdout: string;
  stderr: string;
}

function readNotebook(file: string): Notebook {
  return JSON.parse(readFileSync(path.join(NOTEBOOK_DIR, file), "utf8")) as Notebook;
}

function codeCells(nb: Notebook): LessonCodeCell[] {
  return nb.cells.flatMap((cell, index) =>
    cell.cell_type === "code"
      ? [
          {
            index,
            id: cell.id ?? `#${index}`,
            source: Array.isArray(cell.source) ? cell.source.join("") : cell.source,
            metadata: cell.metadata,
          },
        ]
      : [],
  );
}

function indent(text: string): string {
  return text.trimEnd().replace(/^/gm, "    ");
}

/** Human-readable account of a cell run, for failure messages. */
function describeRun(run: CellRun): string {
  const parts: string[] = [];
  if (run.error) parts.push(`Python traceback:\n${indent(run.error.traceback)}`);
  parts.push(`stdout:${run.stdout ? `\n${indent(run.stdout)}` : " (empty)"}`);
  if (run.stderr) parts.push(`stderr:\n${indent(run.stderr)}`);
  return parts.join("\n");
}

/** Why the run does not meet the expectation, or undefined when it does. */
function mismatch(expectation: CellExpectation, run: CellRun): string | undefined {
  if (expectation.outcome === "ok") {
    return run.error ? `expected it to run without error, but it raised ${run.error.type}: ${run.error.message}` : undefined;
  }
  if (!run.error) return `expected it to raise ${expectation.ename}, but it ran without error`;
  if (run.error.type !== expectation.ename) {
    return `expected it to raise ${expectation.ename}, but it raised ${run.error.type}: ${run.error.message}`;
  }
  if (expectation.match !== undefined && !run.error.message.includes(expectation.match)) {
    return `expected the ${expectation.ename} message to contain ${JSON.stringify(expectation.match)}, but it was ${JSON.stringify(run.error.message)}`;
  }
  return undefined;
}

const notebookFiles = readdirSync(NOTEBOOK_DIR)
  .filter((f) => f.endsWith(".ipynb"))
  .sort();

let pyodide: PyodideAPI;
let stdout: string[] = [];
let stderr: string[] = [];

beforeAll(async () => {
  pyodide = await loadPyodide({ indexURL: PYODIDE_DIR + path.sep });
  pyodide.setStdout({ batched: (line) => stdout.push(line) });
  pyodide.setStderr({ batched: (line) => stderr.push(line) });
}, LOAD_TIMEOUT_MS);

/** The message of the exception that just escaped to JavaScript (Pyodide stores it in sys.last_exc). */
function lastExceptionMessage(fallback: string): string {
  const sys = pyodide.pyimport("sys") as PyProxy & { last_exc?: PyProxy | null };
  try {
    const exc = sys.last_exc;
    if (exc === undefined || exc === null) return fallback;
    try {
      return String(exc);
    } finally {
      exc.destroy();
    }
  } finally {
    sys.destroy();
  }
}

async function runCell(cell: LessonCodeCell, file: string, globals: PyDict): Promise<CellRun> {
  stdout = [];
  stderr = [];
  let error: CellRun["error"];
  try {
    const result: unknown = await pyodide.runPythonAsync(cell.source, { globals, filename: `${file}#${cell.id}` });
    if (result instanceof pyodide.ffi.PyProxy) result.destroy();
  } catch (e) {
    if (!(e instanceof pyodide.ffi.PythonError)) throw e;
    error = { type: e.type, message: lastExceptionMessage(e.message), traceback: e.message };
  }
  // Push out a last line that has no newline yet: the batched handlers only see it after an fsync.
  const scratch = pyodide.toPy({}) as PyDict;
  try {
    pyodide.runPython(
      [
        "import os, sys",
        "for stream in (sys.stdout, sys.stderr):",
        "    try:",
        "        stream.flush()",
        "        os.fsync(stream.fileno())",
        "    except Exception:",
        "        pass",
      ].join("\n"),
      { globals: scratch },
    );
  } finally {
    scratch.destroy();
  }
  return { error, stdout: stdout.join("\n"), stderr: stderr.join("\n") };
}

describe("lesson notebooks", () => {
  it("there is at least one notebook in notebooks/", () => {
    expect(notebookFiles.length).toBeGreaterThan(0);
  });
});

for (const file of notebookFiles) {
  const notebook = readNotebook(file);
  const cells = codeCells(notebook);

  describe(`notebook ${file}`, () => {
    let globals: PyDict;

    beforeAll(() => {
      // A fresh namespace per notebook, like a new kernel session.
      globals = pyodide.toPy({ __name__: "__main__" }) as PyDict;
    });
    afterAll(() => {
      globals.destroy();
    });

    it("has valid Tandem lesson metadata", () => {
      const parsed = tandemNotebookMeta.safeParse(notebook.metadata?.tandem ?? {});
      expect(parsed.success, `${file}: invalid notebook metadata.tandem: ${parsed.error?.message ?? ""}`).toBe(true);
    });

    it("gives every code cell a unique id and a stated expectation (metadata.tandem.expect)", () => {
      const problems: string[] = [];
      const seen = new Set<string>();
      for (const cell of cells) {
        if (cell.id.startsWith("#")) problems.push(`code cell ${cell.id} has no id`);
        else if (seen.has(cell.id)) problems.push(`cell id "${cell.id}" is used twice`);
        seen.add(cell.id);
        try {
          if (readTandemCellMeta(cell.metadata).expect === undefined) {
            problems.push(`cell "${cell.id}" has no metadata.tandem.expect`);
          }
        } catch (e) {
          problems.push(`cell "${cell.id}" has invalid metadata.tandem: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      expect(problems, problems.join("\n")).toEqual([]);
    });

    for (const cell of cells) {
      it(
        `${file} › cell ${cell.id}`,
        async () => {
          // Run first, whatever the metadata says, so later cells see the state this one builds.
          const run = await runCell(cell, file, globals);
          let meta: TandemCellMeta;
          try {
            meta = readTandemCellMeta(cell.metadata);
          } catch (e) {
            expect.fail(`${file} cell "${cell.id}" has invalid metadata.tandem: ${e instanceof Error ? e.message : String(e)}`);
          }
          const expectation = meta.expect;
          if (expectation === undefined) {
            expect.fail(`${file} cell "${cell.id}" has no metadata.tandem.expect\n${describeRun(run)}`);
          }
          const problem = mismatch(expectation, run);
          if (problem !== undefined) {
            expect.fail(`${file} cell "${cell.id}": ${problem}\n${describeRun(run)}`);
          }
        },
        CELL_TIMEOUT_MS,
      );
    }
  });
}
