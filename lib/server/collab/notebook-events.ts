/**
 * What route handlers tell the collaboration endpoint about a notebook. Route handlers run in
 * Next's bundle and the endpoint in server.ts, in the same process: they meet on globalThis.
 * Without a registered endpoint (scripts, tests) these do nothing.
 *
 * - accessChanged: who may do what changed, so open connections are checked again at once
 *   (endpoint.ts: reauthorize).
 * - commentsChanged: its comments changed, so everyone in the room fetches them again
 *   (room.ts: commentsChanged), instead of finding out at their next check.
 */
type NotebookHook = (notebookId: string) => Promise<void>;

function hook(name: string, failure: string) {
  const key = Symbol.for(`tandem.collab.${name}`);
  const slot = globalThis as typeof globalThis & { [key: symbol]: NotebookHook | undefined };
  return {
    register(handler: NotebookHook): void {
      slot[key] = handler;
    },
    async call(notebookId: string): Promise<void> {
      await slot[key]?.(notebookId).catch((error: unknown) => {
        console.error(`${failure} ${notebookId} failed:`, error);
      });
    },
  };
}

const reauthorize = hook("reauthorize", "Re-checking the connections to notebook");
const comments = hook("comments-changed", "Telling the room about the comments of notebook");

export const registerAccessChanged = reauthorize.register;
export const accessChanged = reauthorize.call;
export const registerCommentsChanged = comments.register;
export const commentsChanged = comments.call;
