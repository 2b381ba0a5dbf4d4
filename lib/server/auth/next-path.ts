/**
 * A `?next=` value made safe to redirect to: a path on this site, never another origin
 * ("//evil.example", "https://...", "/\\evil.example"). Anything else becomes "/".
 */
export function safeNextPath(value: string | string[] | undefined): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return "/";
  try {
    const url = new URL(raw, "http://tandem.invalid");
    return url.origin === "http://tandem.invalid" ? `${url.pathname}${url.search}${url.hash}` : "/";
  } catch {
    return "/";
  }
}
