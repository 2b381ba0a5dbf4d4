/**
 * Comments anchored to a notebook's cells: threads of one level (a first comment and its replies,
 * oldest first), on a whole cell or on one line of its source, that editors write, resolve and
 * reopen, and that everyone who may read the notebook reads. A person deletes only their own
 * words; deleting a thread's first comment deletes its replies (the schema's cascade).
 *
 * Comments live beside the Yjs document, not in it: they are a conversation about the notebook,
 * not part of it, so they are not undone by Ctrl-Z, restored with a version or exported. A comment
 * names its cell by id; one whose cell was deleted is kept (undo can bring the cell back) and is
 * simply not shown.
 *
 * "New" is per person: CommentSeen keeps when they last marked a notebook's comments as read, and
 * a comment is new to them when someone else wrote it after that (never their own; all of
 * others' when they never marked any as read).
 *
 * Permission comes from access.ts alone. A notebook one may not read is "not found", as is any
 * comment id that is not that notebook's; a reader who may not write is refused with "forbidden"
 * (they can see the notebook, so pretending it is absent would be a lie). Expected failures are
 * results (lib/util/result.ts), mapped once to HTTP by the routes (lib/server/http/errors.ts).
 */
import "server-only";
import { z } from "zod";
import { getCellMap, cellSourceText, isCellId } from "../../notebook";
import { readDocument } from "../documents/service";
import type { Db } from "../db/client";
import type { AccessViewer } from "../notebooks/access";
import { findReadable } from "../notebooks/readable";
import { commentsChanged } from "../collab/notebook-events";
import { done, fail, ok, type Failure, type Result } from "../../util/result";

export const MAX_BODY = 5000;

export type CommentsCode = "not_found" | "forbidden" | "bad_request";
export type CommentsFailure = Failure<CommentsCode>;
export type CommentsResult<T = undefined> = Result<T, CommentsCode>;

export interface CommentView {
  id: string;
  cellId: string;
  /** 1-based line of the cell's source, or null for the whole cell. */
  line: number | null;
  body: string;
  createdAt: Date;
  author: { name: string; color: string };
  /** Written by the viewer. */
  mine: boolean;
  /** Written by someone else after the viewer last marked the notebook's comments as read. */
  isNew: boolean;
}

export interface Thread extends CommentView {
  resolvedAt: Date | null;
  /** Oldest first. */
  replies: CommentView[];
}

export interface CommentList {
  threads: Thread[];
  seenAt: Date | null;
  /** Whether the viewer may start threads, reply, resolve and reopen. */
  canComment: boolean;
}

/** The body of POST .../comments (replies take their thread's cell and line; theirs are ignored). */
export const commentInput = z
  .object({
    cellId: z.string().max(64).optional(),
    line: z.number().int().min(1).max(1_000_000).nullable().optional(),
    body: z.string(),
    parentId: z.string().max(64).optional(),
  })
  .describe("{ cellId: string, line?: number (1 or more) | null, body: string, parentId?: string }");
export type CommentInput = z.infer<typeof commentInput>;

/** The body of PATCH .../comments/<commentId>. */
export const resolveInput = z.object({ resolved: z.boolean() }).describe("{ resolved: boolean }");
/** The body of POST .../comments/seen. */
export const seenInput = z.object({ at: z.iso.datetime({ offset: true }).optional() }).describe("{ at?: an ISO date and time }");

const NOT_FOUND = fail("not_found", "There is no such notebook or comment.");

/**
 * The threads of a notebook the viewer may read. A guest (null) reads them too, as the signed-in
 * partner beside them does, but nothing is theirs, nothing is "new" to them (there is no account to
 * remember what they read) and they may not write.
 */
export async function listComments(db: Db, viewer: AccessViewer | null, notebookId: string): Promise<CommentsResult<CommentList>> {
  const notebook = await findReadable(db, viewer, { id: notebookId });
  if (!notebook) return NOT_FOUND;
  const [rows, seen] = await Promise.all([
    db.comment.findMany({
      where: { notebookId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        cellId: true,
        line: true,
        parentId: true,
        authorId: true,
        body: true,
        resolvedAt: true,
        createdAt: true,
        author: { select: { name: true, color: true } },
      },
    }),
    viewer ? db.commentSeen.findUnique({ where: { userId_notebookId: { userId: viewer.id, notebookId } }, select: { seenAt: true } }) : null,
  ]);
  const seenAt = seen?.seenAt ?? null;
  const view = (row: (typeof rows)[number]): CommentView => ({
    id: row.id,
    cellId: row.cellId,
    line: row.line,
    body: row.body,
    createdAt: row.createdAt,
    author: row.author,
    mine: viewer !== null && row.authorId === viewer.id,
    isNew: viewer !== null && row.authorId !== viewer.id && (seenAt === null || row.createdAt > seenAt),
  });
  const threads = new Map<string, Thread>();
  for (const row of rows) if (row.parentId === null) threads.set(row.id, { ...view(row), resolvedAt: row.resolvedAt, replies: [] });
  for (const row of rows) if (row.parentId !== null) threads.get(row.parentId)?.replies.push(view(row));
  return ok({ threads: [...threads.values()], seenAt, canComment: viewer !== null && notebook.canWrite });
}

function cleanBody(body: string): string | CommentsFailure {
  const clean = body.trim();
  if (!clean) return fail("bad_request", "Write something first: a comment cannot be empty.");
  if (clean.length > MAX_BODY) return fail("bad_request", `A comment can have at most ${MAX_BODY} characters; this one has ${clean.length}.`);
  return clean;
}

/** Where a new thread goes: the cell must be in the notebook now, and the line within its source. */
async function anchor(notebookId: string, cellId: string | undefined, line: number | null): Promise<CommentsFailure | null> {
  if (cellId === undefined || !isCellId(cellId)) return fail("bad_request", "Say which cell the comment is on: cellId is missing or not a cell id.");
  const doc = await readDocument(notebookId);
  const cell = doc ? getCellMap(doc, cellId) : undefined;
  if (!cell) return fail("bad_request", "That cell is not in the notebook (someone may have just deleted it).");
  const lines = cellSourceText(cell).toString().split("\n").length;
  if (line !== null && line > lines) return fail("bad_request", `Line ${line} is past the end of the cell, which has ${lines} line${lines === 1 ? "" : "s"}.`);
  return null;
}

/**
 * A new thread on `cellId` (and `line`), or with `parentId` a reply to a thread of this notebook.
 * A reply to a resolved thread reopens it: someone still has something to say.
 */
export async function addComment(db: Db, viewer: AccessViewer, notebookId: string, input: CommentInput): Promise<CommentsResult<{ id: string }>> {
  const notebook = await findReadable(db, viewer, { id: notebookId });
  if (!notebook) return NOT_FOUND;
  if (!notebook.canWrite) return fail("forbidden", "Only editors can comment.");
  const body = cleanBody(input.body);
  if (typeof body !== "string") return body;
  if (input.parentId !== undefined) {
    const parent = await db.comment.findFirst({ where: { id: input.parentId, notebookId }, select: { id: true, parentId: true, cellId: true, line: true, resolvedAt: true } });
    if (!parent) return NOT_FOUND;
    if (parent.parentId !== null) return fail("bad_request", "Reply to the thread's first comment: replies go one level deep.");
    const [reply] = await db.$transaction([
      db.comment.create({ data: { notebookId, cellId: parent.cellId, line: parent.line, parentId: parent.id, authorId: viewer.id, body }, select: { id: true } }),
      ...(parent.resolvedAt !== null ? [db.comment.update({ where: { id: parent.id }, data: { resolvedAt: null }, select: { id: true } })] : []),
    ]);
    await commentsChanged(notebookId);
    return ok({ id: reply.id });
  }
  const line = input.line ?? null;
  const misplaced = await anchor(notebookId, input.cellId, line);
  if (misplaced) return misplaced;
  const made = await db.comment.create({ data: { notebookId, cellId: input.cellId!, line, authorId: viewer.id, body }, select: { id: true } });
  await commentsChanged(notebookId);
  return ok({ id: made.id });
}

/** Resolves (or, with false, reopens) a thread; only a thread's first comment has that state. */
export async function setResolved(db: Db, viewer: AccessViewer, notebookId: string, commentId: string, resolved: boolean, now = new Date()): Promise<CommentsResult> {
  const notebook = await findReadable(db, viewer, { id: notebookId });
  if (!notebook) return NOT_FOUND;
  const comment = await db.comment.findFirst({ where: { id: commentId, notebookId }, select: { parentId: true, resolvedAt: true } });
  if (!comment) return NOT_FOUND;
  if (!notebook.canWrite) return fail("forbidden", `Only editors can ${resolved ? "resolve" : "reopen"} comments.`);
  if (comment.parentId !== null) return fail("bad_request", "Only a thread's first comment can be resolved or reopened.");
  // Resolving twice keeps the first time.
  if (resolved !== (comment.resolvedAt !== null)) {
    await db.comment.update({ where: { id: commentId }, data: { resolvedAt: resolved ? now : null } });
    await commentsChanged(notebookId);
  }
  return done;
}

/**
 * Deletes the viewer's own comment (a thread's first comment takes its replies with it). Reading
 * the notebook is enough: someone who is no longer an editor may still take back their words.
 */
export async function deleteComment(db: Db, viewer: AccessViewer, notebookId: string, commentId: string): Promise<CommentsResult> {
  const notebook = await findReadable(db, viewer, { id: notebookId });
  if (!notebook) return NOT_FOUND;
  const comment = await db.comment.findFirst({ where: { id: commentId, notebookId }, select: { authorId: true } });
  if (!comment) return NOT_FOUND;
  if (comment.authorId !== viewer.id) return fail("forbidden", "Only its author can delete a comment.");
  await db.comment.delete({ where: { id: commentId } });
  await commentsChanged(notebookId);
  return done;
}

/**
 * Marks the notebook's comments as read up to `at` (never later than `now`, and never moving
 * back: another tab may have marked more). Any reader may: it changes nothing others see.
 */
export async function markSeen(db: Db, viewer: AccessViewer, notebookId: string, at: Date, now = new Date()): Promise<CommentsResult> {
  const notebook = await findReadable(db, viewer, { id: notebookId });
  if (!notebook) return NOT_FOUND;
  const key = { userId_notebookId: { userId: viewer.id, notebookId } };
  const before = await db.commentSeen.findUnique({ where: key, select: { seenAt: true } });
  const seenAt = new Date(Math.max(Math.min(at.getTime(), now.getTime()), before?.seenAt.getTime() ?? 0));
  await db.commentSeen.upsert({ where: key, create: { userId: viewer.id, notebookId, seenAt }, update: { seenAt } });
  return done;
}
