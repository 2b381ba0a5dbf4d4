/**
 * Handing a reader's embed edits to Tandem's own pages: the frame opens /n/<slug>/fork with them
 * in the URL fragment (#edits=<base64url JSON>, never sent to any server); the page keeps them in
 * sessionStorage so they survive signing in, and the fork takes them (POST /api/notebooks
 * { from, sources }). Everything is checked: a malformed fragment is ignored.
 */
const MAX_EDITS = 200;
const key = (slug: string) => `tandem:embed-handoff:${slug}`;

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(value: string): string {
  const binary = atob(value.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

function clean(value: unknown): Record<string, string> | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const entries = Object.entries(value).filter((e): e is [string, string] => /^[\w-]{1,64}$/.test(e[0]) && typeof e[1] === "string");
  return entries.length > 0 ? Object.fromEntries(entries.slice(0, MAX_EDITS)) : null;
}

/** The fragment that carries `edits` (an empty string when there are none). */
export function handoffFragment(edits: Record<string, string>): string {
  return Object.keys(edits).length > 0 ? `#edits=${toBase64Url(JSON.stringify(edits))}` : "";
}

/**
 * The edits for `slug`, as JSON (a string, so React can compare snapshots): from this page's
 * fragment (then kept for the tab), else from what the tab kept.
 */
export function readHandoff(slug: string): string | null {
  const edits = readEdits(slug);
  return edits ? JSON.stringify(edits) : null;
}

function readEdits(slug: string): Record<string, string> | null {
  if (typeof window === "undefined") return null;
  const match = /^#edits=([\w-]+)$/.exec(window.location.hash);
  if (match) {
    try {
      const edits = clean(JSON.parse(fromBase64Url(match[1]!)));
      if (edits) sessionStorage.setItem(key(slug), JSON.stringify(edits));
      return edits;
    } catch {
      return null;
    }
  }
  try {
    return clean(JSON.parse(sessionStorage.getItem(key(slug)) ?? "null"));
  } catch {
    return null;
  }
}
