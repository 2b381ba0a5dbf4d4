/**
 * What Next's side (routes, pages) tells the collaboration rooms that server.ts runs, through the
 * server context (context.ts). Without registered rooms (scripts, tests) these do nothing. A
 * failure is logged, never thrown at the route: the change it reports has already happened.
 *
 * - accessChanged: who may do what changed, so open connections are checked again at once
 *   (endpoint.ts: reauthorize).
 * - commentsChanged: its comments changed, so everyone in the room fetches them again
 *   (room.ts: commentsChanged), instead of finding out at their next check.
 * - titleChanged: it was renamed, so everyone in the room sees the new title at once.
 * - progressChanged: a student's copy was handed in, taken back or returned, so the pages open on
 *   it show the new status at once.
 * - sessionEnded: a session was signed out, so the connections opened under it are closed.
 */
import { serverContext, type CollabHooks } from "../context";
import { log } from "../log";

type Event = "reauthorize" | "commentsChanged" | "titleChanged" | "progressChanged" | "sessionEnded";

const FAILURE: Record<Event, string> = {
  reauthorize: "Re-checking the connections to notebook",
  commentsChanged: "Telling the room about the comments of notebook",
  titleChanged: "Telling the room the new title of notebook",
  progressChanged: "Telling the room about the hand-in status of notebook",
  sessionEnded: "Closing the connections of session",
};

async function tell(event: Event, id: string, title = ""): Promise<void> {
  const hooks: CollabHooks | null = serverContext().collab;
  await hooks?.[event](id, title).catch((error: unknown) => {
    log.error(`${FAILURE[event]} ${id} failed`, {}, error);
  });
}

export const accessChanged = (notebookId: string) => tell("reauthorize", notebookId);
export const commentsChanged = (notebookId: string) => tell("commentsChanged", notebookId);
export const titleChanged = (notebookId: string, title: string) => tell("titleChanged", notebookId, title);
export const progressChanged = (notebookId: string) => tell("progressChanged", notebookId);
export const sessionEnded = (sessionId: string) => tell("sessionEnded", sessionId);
