/**
 * Plain-language notes under some Python errors that a learner meets because Python runs in the
 * browser, not because their code is wrong. Pure: the output component shows what this returns.
 */
import type { JsonObject } from "../util/json";

export interface ErrorExplanation {
  readonly title: string;
  readonly body: string;
}

const text = (v: unknown) => (typeof v === "string" ? v : "");

/** A note for an nbformat error output, or null when the error speaks for itself. */
export function explainError(output: JsonObject, hasReference: boolean): ErrorExplanation | null {
  if (output.output_type !== "error") return null;
  const ename = text(output.ename);
  const evalue = text(output.evalue);
  if (ename === "RuntimeError" && /can't start new thread|thread/i.test(evalue)) {
    return {
      title: "Threads cannot start in the browser",
      body:
        "Your Python runs in this browser tab (Pyodide, Python compiled to WebAssembly), which has no operating-system " +
        "threads, so threading.Thread(...).start() fails here. The code is fine: on a normal CPython it runs." +
        (hasReference ? " The lesson's output from a regular CPython is shown below, labelled “expected in the lesson”." : ""),
    };
  }
  if (ename === "KeyboardInterrupt") {
    return { title: "Stopped", body: "You (or someone's Stop) interrupted this run. Variables set before the stop are kept." };
  }
  return null;
}
