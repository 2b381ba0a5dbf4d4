/**
 * Light or dark: the viewer's choice, kept in this browser, or until they choose, their system's
 * (prefers-color-scheme). The choice is `data-theme` on the root element, which the style sheet's
 * variables follow (app/globals.css). `THEME_SCRIPT` runs in the document's head before the page
 * paints, so a dark page never flashes light; the header's toggle calls `chooseTheme`.
 */
export type Theme = "light" | "dark";

export const THEME_KEY = "tandem-theme";

/** The theme the page shows now. */
export function currentTheme(): Theme {
  return document.documentElement.dataset.theme === "dark" ? "dark" : "light";
}

/** Calls `onChange` on every change of the root's data-theme (the toggle's, another tab's, the system's). Returns its unsubscribe. */
export function subscribeTheme(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  return () => observer.disconnect();
}

/** Shows `theme` and keeps it for this browser's next pages. */
export function chooseTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  try {
    localStorage.setItem(THEME_KEY, theme);
  } catch {
    // Storage refused (a private window's quota): the choice lasts for this page.
  }
}

/**
 * The head script: a stored choice, else the system's, and the system's later changes while no
 * choice is stored. Plain ES5 in a string, so that it runs before any bundle.
 */
export const THEME_SCRIPT = `(function(){try{var k=${JSON.stringify(THEME_KEY)},r=document.documentElement,m=window.matchMedia("(prefers-color-scheme: dark)");function s(){var c=null;try{c=localStorage.getItem(k)}catch(e){}r.dataset.theme=c==="dark"||c==="light"?c:m.matches?"dark":"light"}s();m.addEventListener("change",s)}catch(e){}})();`;
