/**
 * Markdown and TeX for components, with KaTeX on demand (lib/markdown/math.ts): the first render
 * shows formulas as TeX placeholders while KaTeX loads, and a component whose output had
 * placeholders renders again when it arrives. Only those subscribe, so KaTeX's arrival does not
 * re-render every cell of a long notebook.
 */
import { useMemo, useSyncExternalStore } from "react";
import { renderLatexOutput } from "../markdown/latex";
import { katexReady } from "../markdown/math";
import { renderMarkdownWithMath, type Attachments } from "../markdown/render";

const NOTHING = { html: "", pending: false };
const ignore = () => () => {};

/** Whether KaTeX is ready, listened to only while `pending` (the last render left placeholders). */
function useKatexReady(pending: boolean): boolean {
  return useSyncExternalStore(pending ? katexReady.subscribe : ignore, katexReady.get, katexReady.get);
}

/**
 * Markdown (a cell, a note) as sanitized HTML; none for null. Rendered again, once, when KaTeX
 * arrives if its math was shown as placeholders.
 */
export function useMarkdownHtml(source: string | null, attachments?: Attachments): string {
  const first = useMemo(() => {
    if (!source) return NOTHING;
    const { html, mathPending } = renderMarkdownWithMath(source, attachments);
    return { html, pending: mathPending };
  }, [source, attachments]);
  const ready = useKatexReady(first.pending);
  return useMemo(
    () => (first.pending && ready && source ? renderMarkdownWithMath(source, attachments).html : first.html),
    [first, ready, source, attachments],
  );
}

/** A text/latex output as HTML, its formulas typeset; none for null. Placeholders until KaTeX arrives. */
export function useLatexHtml(source: string | null): string {
  const first = useMemo(() => (source === null ? NOTHING : renderLatexOutput(source)), [source]);
  const ready = useKatexReady(first.pending);
  return useMemo(
    () => (first.pending && ready && source !== null ? renderLatexOutput(source).html : first.html),
    [first, ready, source],
  );
}
