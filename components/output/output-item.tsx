"use client";

import { AnsiUp } from "ansi_up";
import { useMemo } from "react";
import type { JsonObject } from "@/lib/util/json";
import { useDisplayTexHtml, useMarkdownHtml } from "@/lib/react/use-math";
import { mergeStreams } from "@/lib/notebook/run-commands";
import { explainError } from "@/lib/kernel/explain";
import { SandboxedHtml } from "./sandboxed-html";

const text = (value: unknown): string =>
  typeof value === "string" ? value : Array.isArray(value) ? value.join("") : "";

function ansiToHtml(value: string): string {
  const ansi = new AnsiUp();
  ansi.use_classes = true;
  return ansi.ansi_to_html(value);
}

/** Richest first, as Jupyter picks. HTML and SVG never render in this page: see SandboxedHtml. */
const MIME_ORDER = [
  "text/html",
  "image/svg+xml",
  "image/png",
  "image/jpeg",
  "image/gif",
  "text/markdown",
  "text/latex",
  "text/plain",
] as const;

function RichData({ data }: { data: Record<string, unknown> }) {
  const mime = MIME_ORDER.find((m) => data[m] !== undefined);
  const value = mime ? text(data[mime]) : "";
  const markdown = useMarkdownHtml(mime === "text/markdown" ? value : null);
  // A text/latex output is one display formula, often written with its own $ or $$ around it.
  const latex = useDisplayTexHtml(mime === "text/latex" ? value.replace(/^\$+|\$+$/g, "") : null);
  switch (mime) {
    case "text/html":
      return <SandboxedHtml html={value} />;
    case "image/svg+xml":
      return <SandboxedHtml html={value} />;
    case "image/png":
    case "image/jpeg":
    case "image/gif":
      // eslint-disable-next-line @next/next/no-img-element -- data URLs from a kernel, not assets
      return <img className="output-image" alt="Output image" src={`data:${mime};base64,${value.replace(/\s+/g, "")}`} />;
    case "text/markdown":
      return <div className="output-markdown markdown" dangerouslySetInnerHTML={{ __html: markdown }} />;
    case "text/latex":
      return <div className="output-latex" dangerouslySetInnerHTML={{ __html: latex }} />;
    case "text/plain":
      return <pre className="output-text">{value}</pre>;
    default:
      return <pre className="output-text output-unknown">[output of type {Object.keys(data).join(", ") || "nothing"}]</pre>;
  }
}

/** One nbformat output. `hasReference`: the cell shows the lesson's own output too. */
export function OutputItem({ output, hasReference = false }: { output: JsonObject; hasReference?: boolean }) {
  switch (output.output_type) {
    case "stream": {
      const name = output.name === "stderr" ? "stderr" : "stdout";
      return (
        <pre
          className={`output-stream output-${name}`}
          dangerouslySetInnerHTML={{ __html: ansiToHtml(text(output.text)) }}
        />
      );
    }
    case "error": {
      const traceback = Array.isArray(output.traceback) ? output.traceback.map(text).join("\n") : "";
      const summary = `${text(output.ename)}: ${text(output.evalue)}`;
      const note = explainError(output, hasReference);
      return (
        <>
          <pre className="output-error" dangerouslySetInnerHTML={{ __html: ansiToHtml(traceback || summary) }} />
          {note ? (
            <div className="output-explain" data-testid="error-explanation">
              <strong>{note.title}.</strong> {note.body}
            </div>
          ) : null}
        </>
      );
    }
    case "execute_result":
    case "display_data":
      return <RichData data={(output.data ?? {}) as Record<string, unknown>} />;
    default:
      return <pre className="output-text output-unknown">[{text(output.output_type) || "unknown"} output]</pre>;
  }
}

export function OutputList({ outputs, hasReference = false }: { outputs: readonly JsonObject[]; hasReference?: boolean }) {
  // While a run streams, its text arrives as many chunks: shown joined, as they will be stored.
  const shown = useMemo(() => mergeStreams(outputs), [outputs]);
  return (
    <div className="output-list">
      {shown.map((output, i) => (
        <OutputItem key={i} output={output} hasReference={hasReference} />
      ))}
    </div>
  );
}
