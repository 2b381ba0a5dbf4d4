/**
 * Who wrote what is still in a cell: the Yjs clients whose characters remain in its source. Undo
 * uses it to keep a cell a collaborator wrote in (undo.ts); the page names those collaborators
 * through presence, where a client id is a tab.
 */
import type * as Y from "yjs";

/** The clients other than `me` with text still in `text`, in order of first appearance. */
export function otherWriters(text: Y.Text, me: number): number[] {
  const clients: number[] = [];
  for (let item = text._start; item !== null; item = item.right) {
    const client = item.id.client;
    if (!item.deleted && item.countable && client !== me && !clients.includes(client)) clients.push(client);
  }
  return clients;
}
