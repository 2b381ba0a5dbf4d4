/**
 * Real Pyodide under Node, run the way the browser kernel runs a lesson: each cell's source in a
 * namespace (a Python dict) that carries state from cell to cell. A run returns what the cell
 * printed and, when it raised, the Python exception's class, message and traceback. Python
 * exceptions are results here, never thrown.
 */
import { createRequire } from "node:module";
import path from "node:path";

import { loadPyodide } from "pyodide";
import type { PyodideAPI } from "pyodide";
import type { PyDict, PyProxy } from "pyodide/ffi";

import type { CellExpectation } from "../../lib/notebook/lesson-meta";

const PYODIDE_DIR = path.dirname(createRequire(import.meta.url).resolve("pyodide/package.json"));

export interface CellRun {
  /** Set when the cell raised: the Python exception class name and its message. */
  error?: { type: string; message: string; traceback: string };
  stdout: string;
  stderr: string;
}

export interface LessonKernel {
  /** A fresh namespace, like a new kernel session: the caller destroys it. */
  namespace(): PyDict;
  /** A shallow copy of a namespace, to try something without changing the original's names. */
  fork(globals: PyDict): PyDict;
  run(source: string, filename: string, globals: PyDict): Promise<CellRun>;
}

export async function startLessonKernel(): Promise<LessonKernel> {
  const pyodide: PyodideAPI = await loadPyodide({ indexURL: PYODIDE_DIR + path.sep });
  let stdout: string[] = [];
  let stderr: string[] = [];
  pyodide.setStdout({ batched: (line) => stdout.push(line) });
  pyodide.setStderr({ batched: (line) => stderr.push(line) });

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

  /** Pushes out a last line that has no newline yet: the batched handlers only see it after an fsync. */
  function flush(): void {
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
  }

  return {
    namespace: () => pyodide.toPy({ __name__: "__main__" }) as PyDict,
    fork: (globals) => (globals as unknown as { copy(): PyDict }).copy(),
    async run(source, filename, globals) {
      stdout = [];
      stderr = [];
      let error: CellRun["error"];
      try {
        const result: unknown = await pyodide.runPythonAsync(source, { globals, filename });
        if (result instanceof pyodide.ffi.PyProxy) result.destroy();
      } catch (e) {
        if (!(e instanceof pyodide.ffi.PythonError)) throw e;
        error = { type: e.type, message: lastExceptionMessage(e.message), traceback: e.message };
      }
      flush();
      return { error, stdout: stdout.join("\n"), stderr: stderr.join("\n") };
    },
  };
}

function indent(text: string): string {
  return text.trimEnd().replace(/^/gm, "    ");
}

/** Human-readable account of a cell run, for failure messages. */
export function describeRun(run: CellRun): string {
  const parts: string[] = [];
  if (run.error) parts.push(`Python traceback:\n${indent(run.error.traceback)}`);
  parts.push(`stdout:${run.stdout ? `\n${indent(run.stdout)}` : " (empty)"}`);
  if (run.stderr) parts.push(`stderr:\n${indent(run.stderr)}`);
  return parts.join("\n");
}

/**
 * Why the run, in order on the notebook as shipped, does not meet the expectation, or undefined
 * when it does. A check that `fails-until-solved` must fail there with an AssertionError (its
 * exercise still holds the starter); that it passes once solved is tested per exercise.
 */
export function mismatch(expectation: CellExpectation, run: CellRun): string | undefined {
  if (expectation.outcome === "ok") {
    return run.error ? `expected it to run without error, but it raised ${run.error.type}: ${run.error.message}` : undefined;
  }
  const ename = expectation.outcome === "error" ? expectation.ename : "AssertionError";
  if (!run.error) return `expected it to raise ${ename}, but it ran without error`;
  if (run.error.type !== ename) return `expected it to raise ${ename}, but it raised ${run.error.type}: ${run.error.message}`;
  if (expectation.outcome === "error" && expectation.match !== undefined && !run.error.message.includes(expectation.match)) {
    return `expected the ${ename} message to contain ${JSON.stringify(expectation.match)}, but it was ${JSON.stringify(run.error.message)}`;
  }
  return undefined;
}
