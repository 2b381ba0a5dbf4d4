/** What a run writes into the document for a kernel event, and after an input() prompt (runner.ts). */
import { outputNotKeptText } from "../notebook/nbformat/file-size";
import type { JsonObject } from "../util/json";
import type { RunEvent } from "./protocol";
import { PRIVATE_ANSWER } from "./runner-types";

/**
 * What goes into the output after an input() prompt once it is answered (null: no answer): dots for
 * getpass(), a placeholder for an answer kept private, else the answer.
 */
export function inputEcho(answer: string | null, password: boolean, keepPrivate = false): string {
  if (answer === null) return "\n";
  return `${password ? "········" : keepPrivate ? PRIVATE_ANSWER : answer}\n`;
}

/** The stderr output a run writes in place of outputs that would take the notebook past `limit`. */
export function notKeptNote(limit: number): JsonObject {
  return { output_type: "stream", name: "stderr", text: outputNotKeptText(limit) };
}

/** An nbformat output (document form) for a kernel event. */
export function outputFor(event: RunEvent, count: number): JsonObject {
  switch (event.type) {
    case "stream":
      return { output_type: "stream", name: event.name, text: event.text };
    case "display":
      return { output_type: "display_data", data: { ...event.data }, metadata: structuredClone(event.metadata) as JsonObject };
    case "result":
      return {
        output_type: "execute_result",
        execution_count: count,
        data: { ...event.data },
        metadata: structuredClone(event.metadata) as JsonObject,
      };
    case "error":
      return { output_type: "error", ename: event.ename, evalue: event.evalue, traceback: [...event.traceback] };
  }
}
