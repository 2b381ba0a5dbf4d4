/**
 * Who may do what over a collaboration connection: the person the request's session cookie names
 * (or a guest), through the same access rules as every page and route (notebooks/access.ts).
 * Lessons are public and read-only, so the catalogue copy stays as shipped.
 */
import type { IncomingMessage } from "node:http";
import { sessionFrom } from "../auth/auth";
import { getDb } from "../db/client";
import { findReadable } from "../notebooks/readable";
import type { ConnectionAccess } from "./endpoint";

/** The request's headers as a fetch Headers, for the session lookup. */
function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
  }
  return headers;
}

export async function authorizeConnection(notebookId: string, req: IncomingMessage): Promise<ConnectionAccess | null> {
  const session = await sessionFrom(headersOf(req));
  const viewer = session?.viewer ?? null;
  const found = await findReadable(getDb(), viewer, { id: notebookId }, { document: { select: { notebookId: true } } });
  if (!found || !found.row.document) return null;
  // Locked cells (an assignment's checks in a student's copy) are the teacher's to change; in any
  // other notebook, its owner's.
  const editsLocked = found.canWrite && (found.role === "teacher" || (found.role === "owner" && !found.row.assignmentCopy));
  return { write: found.canWrite, teacher: found.role === "teacher", editsLocked, sessionId: session?.sessionId ?? null };
}
