"use client";

import type { CellExpectation, CellReference } from "@/lib/notebook/lesson-meta";
import type { JsonObject } from "@/lib/util/json";
import { useMarkdownHtml } from "@/lib/react/use-math";
import { OutputList } from "../output/output-item";

/**
 * The lesson's own output for a cell, labelled "expected in the lesson", with the reason the
 * browser kernel's result differs. Shown beside (later: below) the live output.
 */
export function ReferenceOutput({ reference, expect }: { reference: CellReference; expect?: CellExpectation }) {
  const why = useMarkdownHtml(reference.differs ?? null);
  const failure = useMarkdownHtml(expect?.outcome === "error" ? expect.reason : null);
  return (
    <section className="reference" aria-label="Expected in the lesson">
      <header className="reference-header">
        <span className="reference-label">Expected in the lesson</span>
        <span className="reference-interpreter">{reference.interpreter}</span>
      </header>
      <OutputList outputs={reference.outputs as JsonObject[]} />
      {expect?.outcome === "error" ? (
        <div className="reference-note reference-note-error">
          <strong>In your browser this cell raises {expect.ename}.</strong>
          <div className="markdown" dangerouslySetInnerHTML={{ __html: failure }} />
        </div>
      ) : null}
      {why ? (
        <div className="reference-note">
          <strong>Why your result may differ</strong>
          <div className="markdown" dangerouslySetInnerHTML={{ __html: why }} />
        </div>
      ) : null}
    </section>
  );
}
