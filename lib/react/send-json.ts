/**
 * One JSON request from a page to Tandem's API, for buttons and forms: resolves to null when it
 * worked, else to a message a person can act on (the API's own { message }, or what went wrong
 * on the way). Never rejects.
 */
export async function sendJson(url: string, method: "POST" | "PUT" | "PATCH" | "DELETE", body?: unknown, headers: Record<string, string> = {}): Promise<string | null> {
  try {
    const response = await fetch(url, {
      method,
      headers: { ...headers, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.ok) return null;
    const data = (await response.json().catch(() => null)) as { message?: unknown } | null;
    return typeof data?.message === "string" ? data.message : `The server answered ${response.status}.`;
  } catch {
    return "Could not reach the server. Check your connection and try again.";
  }
}
