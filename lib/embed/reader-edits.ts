/**
 * A reader's own edits to embedded cells, kept in their browser (localStorage, which a browser
 * keeps per embedding site for a third-party frame) across reloads, never sent anywhere. An edit
 * back to the original text is forgotten, so "reset" and "undo to the original" are the same.
 */
export interface EditStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const key = (slug: string, cellId: string) => `tandem:embed:${slug}:${cellId}`;

/** The reader's text for a cell, or null when they have not changed it (or storage is off). */
export function readEdit(store: EditStore | null, slug: string, cellId: string): string | null {
  try {
    const raw = store?.getItem(key(slug, cellId));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as { source?: unknown };
    return typeof parsed.source === "string" ? parsed.source : null;
  } catch {
    return null;
  }
}

export function writeEdit(store: EditStore | null, slug: string, cellId: string, source: string, original: string): void {
  try {
    if (source === original) store?.removeItem(key(slug, cellId));
    else store?.setItem(key(slug, cellId), JSON.stringify({ source, savedAt: new Date().toISOString() }));
  } catch {
    // Storage full or blocked: the edit lasts as long as the page.
  }
}

/** localStorage where the browser allows it (a frame may be denied storage), else null. */
export function browserEditStore(): EditStore | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}
