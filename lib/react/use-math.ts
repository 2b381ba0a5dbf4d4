/**
 * Markdown and TeX for components, with KaTeX on demand (lib/markdown/math.ts): the first render
 * shows formulas as TeX placeholders while KaTeX loads, and a component whose output had
 * placeholders renders again when it arrives. Only those subscribe, so KaTeX's arrival does not
 * re-render every cell of a long notebook.
 */
import { useMemo, useSyncExternalStore } from "react";
import { katexReady, renderTex } from "../markdown/math";
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

/** A display formula (a text/latex output) as KaTeX HTML; none for null. A placeholder until KaTeX arrives. */
export function useDisplayTexHtml(tex: string | null): string {
  const first = useMemo(() => (tex === null ? NOTHING : displayTex(tex)), [tex]);
  const ready = useKatexReady(first.pending);
  return useMemo(
    () => (first.pending && ready && tex !== null ? displayTex(tex).html : first.html),
    [first, ready, tex],
  );
}

function displayTex(tex: string) {
  return renderTex(tex, { displayMode: true, throwOnError: false });
}
