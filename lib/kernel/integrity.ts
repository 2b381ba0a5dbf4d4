/**
 * Subresource integrity, checked by hand where the browser's own check would hide a response's
 * head until its whole body has arrived: the page's fetches for its kernel (host-services.ts) and
 * the package loader (worker/package-fetch.ts) report a download's size while it runs.
 */

function base64(bytes: ArrayBuffer): string {
  let text = "";
  for (const byte of new Uint8Array(bytes)) text += String.fromCharCode(byte);
  return btoa(text);
}

/** Whether this context can check (WebCrypto: a secure context). */
export function canCheckIntegrity(): boolean {
  return typeof crypto !== "undefined" && crypto.subtle !== undefined;
}

/** Whether `bytes` match an SRI string ("sha256-<base64>", possibly several, space-separated). */
export async function matchesIntegrity(bytes: ArrayBuffer, integrity: string): Promise<boolean> {
  const wanted = integrity.split(/\s+/).filter((s) => s.startsWith("sha256-"));
  if (wanted.length === 0) return true; // no algorithm we check: as the browser, accept
  const digest = `sha256-${base64(await crypto.subtle.digest("SHA-256", bytes))}`;
  return wanted.includes(digest);
}
