/**
 * Tells the collaboration endpoint that who may do what in a notebook changed, so open
 * connections are checked again at once (endpoint.ts: reauthorize). Route handlers run in Next's
 * bundle and the endpoint in server.ts, in the same process: they meet on globalThis. Without a
 * registered endpoint (scripts, tests) this does nothing.
 */
const HOOK = Symbol.for("tandem.collab.reauthorize");
type GlobalWithHook = typeof globalThis & { [HOOK]?: (notebookId: string) => Promise<void> };

export function registerAccessChanged(reauthorize: (notebookId: string) => Promise<void>): void {
  (globalThis as GlobalWithHook)[HOOK] = reauthorize;
}

export async function accessChanged(notebookId: string): Promise<void> {
  await (globalThis as GlobalWithHook)[HOOK]?.(notebookId).catch((error: unknown) => {
    console.error(`Re-checking the connections to notebook ${notebookId} failed:`, error);
  });
}
