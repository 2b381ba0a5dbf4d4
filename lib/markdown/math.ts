/**
 * KaTeX, loaded on demand. It is the largest part of the notebook page's script (~540 KB
 * minified) while most cells, and many notebooks, have no math; on a 2-core machine parsing it
 * competes with the Python kernel's start-up. So formulas render at once as a placeholder (their
 * TeX, escaped, in a `math-pending` element), the first placeholder starts `import("katex")`, and
 * whoever rendered placeholders subscribes here to render again when it arrives
 * (lib/react/use-math.ts). Text without math never loads KaTeX.
 *
 * The stylesheet (katex/dist/katex.min.css) stays a static import of the pages: it is small next
 * to the script, and loaded up front it lets typeset math appear without a flash of unstyled
 * glyphs. A display placeholder borrows its `katex-display` class, so it takes the block, centred
 * place the formula will take.
 */
import type { KatexOptions } from "katex";
import { createStore, type ReadableStore } from "../util/store";
import { escapeHtml } from "./math-syntax";
import { texForKatex } from "./tex-environments";

type Katex = { renderToString(tex: string, options?: KatexOptions): string };

const engine = createStore<Katex | null>(null);
let loading: Promise<void> | null = null;

/**
 * Whether KaTeX has loaded: false, then true for good. Who rendered placeholders subscribes, to
 * render again with formulas.
 */
export const katexReady: ReadableStore<boolean> = {
  get: () => engine.get() !== null,
  subscribe: (listener) => engine.subscribe(listener),
};

/**
 * Starts loading KaTeX, once; resolves when it is ready. After a failed load (say, the network
 * dropped) the next call tries again, and until then formulas stay placeholders.
 */
export function loadKatex(): Promise<void> {
  loading ??= import("katex").then(
    (module) => engine.set(module.default),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

function requestKatex(): void {
  loadKatex().catch((error: unknown) => {
    console.warn("KaTeX did not load; formulas stay as TeX.", error);
  });
}

/** A formula typeset to HTML, or its placeholder while KaTeX loads (`pending`). */
export interface TexHtml {
  html: string;
  pending: boolean;
}

/**
 * KaTeX settings for notebook math (markdown and LaTeX outputs): errors in red rather than thrown,
 * no warnings for LaTeX that KaTeX finds unusual, and a cap on sizes a formula gives
 * (`\rule{500em}{500em}` would otherwise be a box as big as the page).
 */
export const KATEX_OPTIONS = { throwOnError: false, output: "htmlAndMathml", strict: "ignore", maxSize: 50 } as const;

/**
 * Typesets `tex` with KaTeX if it has loaded. Otherwise returns a placeholder and starts loading
 * KaTeX: render again once `katexReady` turns true to get the formula. Environments KaTeX lacks
 * are mapped first (tex-environments.ts), which may make an inline formula display math.
 */
export function renderTex(source: string, options: KatexOptions & { displayMode: boolean }): TexHtml {
  const katex = engine.get();
  const { tex, display } = texForKatex(source, options.displayMode);
  if (!katex) {
    requestKatex();
    const escaped = escapeHtml(source);
    const html = display
      ? `<span class="katex-display math-pending">${escaped}</span>`
      : `<span class="math-pending">${escaped}</span>`;
    return { html, pending: true };
  }
  try {
    return { html: katex.renderToString(tex, { ...options, displayMode: display }), pending: false };
  } catch (error) {
    // Only errors that are not TeX errors get here (those render in red: throwOnError false).
    return { html: escapeHtml(`${tex}:${error instanceof Error ? error.message : String(error)}`), pending: false };
  }
}
