/**
 * Output normalization between nbformat files (multiline strings as lists of lines) and the
 * document (one string each). Outputs of unknown type are kept verbatim both ways.
 */
import { cloneJson, type JsonObject } from "../../util/json";
import { joinBundle, joinMultiline, splitBundle, splitLines } from "./lines";

type Direction = "toDocument" | "toFile";

function convertOutput(output: Record<string, unknown>, direction: Direction): JsonObject {
  const copy: Record<string, unknown> = { ...output };
  switch (output.output_type) {
    case "stream": {
      const text = joinMultiline(output.text as string | string[]);
      copy.text = direction === "toDocument" ? text : splitLines(text);
      break;
    }
    case "display_data":
    case "execute_result": {
      const data = output.data as Record<string, unknown>;
      copy.data = direction === "toDocument" ? joinBundle(data) : splitBundle(joinBundle(data));
      break;
    }
    default:
      // "error" keeps its traceback list as is; unknown output types are kept verbatim.
      break;
  }
  // Iterative (cloneJson), so no depth of output data overflows the stack.
  return cloneJson(copy as JsonObject);
}

export const outputToDocument = (output: Record<string, unknown>) => convertOutput(output, "toDocument");
export const outputToFile = (output: Record<string, unknown>) => convertOutput(output, "toFile");
