"use client";

import { useMemo, useSyncExternalStore } from "react";
import type { JsonObject } from "@/lib/util/json";
import { useLatexHtml, useMarkdownHtml } from "@/lib/react/use-math";
import { mergeStreams } from "@/lib/notebook/run-commands";
import { explainError } from "@/lib/kernel/explain";
import { ansiToHtml } from "@/lib/output/ansi";
import { imageDisplay, svgDataUrl } from "@/lib/output/image";
import { findViz, vizEmbedOptions, vizHtml, type VizOutput } from "@/lib/output/viz";
import { currentTheme, subscribeTheme } from "@/lib/ui/theme";
import { SandboxedHtml } from "./sandboxed-html";

const text = (value: unknown): string =>
  typeof value === "string" ? value : Array.isArray(value) ? value.join("") : "";

/** An ipywidgets view: it needs the kernel's widget model, which a shared notebook does not have. */
const WIDGET_MIME = "application/vnd.jupyter.widget-view+json";

/**
 * Richest first, as Jupyter picks, after charts (findViz: Plotly and Vega come first). HTML never
 * renders in this page (see SandboxedHtml); SVG renders as an image, which runs no script
 * (lib/output/image.ts).
 */
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

/** An image at its natural size, or the metadata's, never wider than the cell unless unconfined. */
function ImageOutput({ mime, value, metadata }: { mime: string; value: string; metadata: unknown }) {
  const { width, height, unconfined, darkBackground } = imageDisplay(metadata, mime);
  const src = mime === "image/svg+xml" ? svgDataUrl(value) : `data:${mime};base64,${value.replace(/\s+/g, "")}`;
  const className = ["output-image", unconfined && "output-image-unconfined", darkBackground && "output-image-dark"];
  return (
    // eslint-disable-next-line @next/next/no-img-element -- data URLs from a kernel, not assets
    <img className={className.filter(Boolean).join(" ")} alt="Output image" src={src} width={width} height={height} />
  );
}

/** A widget cannot show without its kernel: say so plainly, with the text the kernel sent along. */
function WidgetOutput({ fallback }: { fallback: string }) {
  return (
    <div className="output-widget" data-testid="widget-output">
      <p className="output-widget-note">
        This output is an interactive widget; widgets need a live Jupyter kernel and are not shown here.
      </p>
      {fallback ? <pre className="output-text">{fallback}</pre> : null}
    </div>
  );
}

/**
 * A chart, drawn by its own library in the output frame (lib/output/viz.ts): the library loads
 * there, when such an output appears, never in this page.
 */
function ChartOutput({ viz, fallback, metadata }: { viz: VizOutput; fallback: string; metadata: unknown }) {
  // The theme is this browser's, unknown to the server: light there, settled on hydration.
  const theme = useSyncExternalStore(subscribeTheme, currentTheme, () => "light" as const);
  const html = useMemo(
    () => vizHtml(viz.kind, viz.spec, fallback, { embedOptions: vizEmbedOptions(metadata, viz.mime), theme }),
    [viz, fallback, metadata, theme],
  );
  return <SandboxedHtml html={html} title={viz.kind === "plotly" ? "Plotly chart" : "Vega chart"} />;
}

function RichData({ data, metadata }: { data: Record<string, unknown>; metadata: unknown }) {
  const widget = data[WIDGET_MIME] !== undefined;
  const viz = useMemo(() => (widget ? null : findViz(data)), [widget, data]);
  const mime = widget ? WIDGET_MIME : viz ? viz.mime : MIME_ORDER.find((m) => data[m] !== undefined);
  const value = mime ? text(data[mime]) : "";
  const markdown = useMarkdownHtml(mime === "text/markdown" ? value : null);
  const latex = useLatexHtml(mime === "text/latex" ? value : null);
  if (viz) return <ChartOutput viz={viz} fallback={text(data["text/plain"])} metadata={metadata} />;
  switch (mime) {
    case WIDGET_MIME:
      return <WidgetOutput fallback={text(data["text/plain"])} />;
    case "text/html":
      return <SandboxedHtml html={value} />;
    case "image/svg+xml":
    case "image/png":
    case "image/jpeg":
    case "image/gif":
      return <ImageOutput mime={mime} value={value} metadata={metadata} />;
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
      return <RichData data={(output.data ?? {}) as Record<string, unknown>} metadata={output.metadata} />;
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
