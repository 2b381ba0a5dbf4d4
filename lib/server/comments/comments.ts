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
 *
 * Guests (a mixed pair: one signed in, one not) may also reply, when the owner allows it
 * (Notebook.guestComments) on a notebook not private: under the guest name and colour their
 * browser sends, marked "(guest)". They never start threads, resolve or reopen (a reply to a
 * resolved thread would reopen it, so that too is refused). A guest has no account, so their
 * browser keeps a random key (lib/protocol/guest-key.ts) whose sha-256 is stored with the reply:
 * the same key makes the reply theirs ("mine", and theirs to delete). A signed-in reader who may
 * not edit may reply on the same terms, under their account: an account never gives less than
 * signing out would.
 */
import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { GUEST_KEY_HEADER, GUEST_KEY_PATTERN, MAX_GUEST_COMMENT_NAME } from "../../protocol/guest-key";
import { PRESENCE_COLORS } from "../../protocol/presence";
import { getCellMap, cellSourceText, isCellId } from "../../notebook";
import { readDocument } from "../documents/service";
import type { Db } from "../db/client";
import { asVisibility, type AccessViewer } from "../notebooks/access";
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
  /** A guest's name ends in " (guest)". */
  author: { name: string; color: string };
  /** Written by the viewer (for a guest: with this browser's key). */
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
  /** Whether the viewer may reply to open threads: editors, and guests where the owner allows it. */
  canReply: boolean;
}

/** sha-256 (hex) of a guest's browser key: all the server keeps of it. */
export type GuestKey = string & { readonly __brand: "GuestKey" };

/** The guest key a request carries (GUEST_KEY_HEADER), hashed; null when absent or malformed. */
export function guestKeyFrom(headers: Headers): GuestKey | null {
  const key = headers.get(GUEST_KEY_HEADER);
  if (key === null || !GUEST_KEY_PATTERN.test(key)) return null;
  return createHash("sha256").update(key).digest("hex") as GuestKey;
}

/** The body of POST .../comments (replies take their thread's cell and line; theirs are ignored). */
export const commentInput = z
  .object({
    cellId: z.string().max(64).optional(),
    line: z.number().int().min(1).max(1_000_000).nullable().optional(),
    body: z.string(),
    parentId: z.string().max(64).optional(),
    /** A guest's reply: the name and colour they go by (ignored for someone signed in). */
    guestName: z
      .string()
      .trim()
      .min(1, "a guest name cannot be empty")
      .max(MAX_GUEST_COMMENT_NAME, `a guest name has at most ${MAX_GUEST_COMMENT_NAME} characters`)
      .optional(),
    guestColor: z.enum(PRESENCE_COLORS).optional(),
  })
  .describe("{ cellId: string, line?: number (1 or more) | null, body: string, parentId?: string, guestName?: string, guestColor?: string }");
export type CommentInput = z.infer<typeof commentInput>;

/** The body of PATCH .../comments/<commentId>. */
export const resolveInput = z.object({ resolved: z.boolean() }).describe("{ resolved: boolean }");
/** The body of POST .../comments/seen. */
export const seenInput = z.object({ at: z.iso.datetime({ offset: true }).optional() }).describe("{ at?: an ISO date and time }");

const NOT_FOUND = fail("not_found", "There is no such notebook or comment.");

/** A guest's colour when their browser sent none (the guest identity's own default). */
const GUEST_COLOR = "#59636e";

/** Whether readers who may not edit (guests above all) may reply: the owner's choice, never on a private notebook. */
const repliesOpen = (row: { guestComments: boolean; visibility: string }) => row.guestComments && asVisibility(row.visibility) !== "private";

/**
 * The threads of a notebook the viewer may read. A guest (null) reads them too, as the signed-in
 * partner beside them does, but nothing is "new" to them (there is no account to remember what
 * they read); their own replies are those stored with their key.
 */
export async function listComments(db: Db, viewer: AccessViewer | null, notebookId: string, guestKey: GuestKey | null = null): Promise<CommentsResult<CommentList>> {
  const notebook = await findReadable(db, viewer, { id: notebookId }, { guestComments: true });
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
        guestName: true,
        guestColor: true,
        guestKey: true,
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
    author: row.author ?? { name: `${row.guestName ?? "Someone"} (guest)`, color: row.guestColor ?? GUEST_COLOR },
    mine: viewer !== null ? row.authorId === viewer.id : guestKey !== null && row.guestKey === guestKey,
    isNew: viewer !== null && row.authorId !== viewer.id && (seenAt === null || row.createdAt > seenAt),
  });
  const threads = new Map<string, Thread>();
  for (const row of rows) if (row.parentId === null) threads.set(row.id, { ...view(row), resolvedAt: row.resolvedAt, replies: [] });
  for (const row of rows) if (row.parentId !== null) threads.get(row.parentId)?.replies.push(view(row));
  const canComment = viewer !== null && notebook.canWrite;
  return ok({ threads: [...threads.values()], seenAt, canComment, canReply: canComment || repliesOpen(notebook.row) });
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

/** Who a reply is by: a signed-in person, or a guest by the name, colour and key hash they sent. */
type Author = { authorId: string } | { guestName: string; guestColor: string; guestKey: GuestKey };

/**
 * A new thread on `cellId` (and `line`), or with `parentId` a reply to a thread of this notebook.
 * A reply to a resolved thread reopens it: someone still has something to say. Only editors start
 * threads; readers who may not edit (a guest, `viewer` null, with their browser's `guestKey`)
 * reply to open threads where the owner allows it.
 */
export async function addComment(
  db: Db,
  viewer: AccessViewer | null,
  notebookId: string,
  input: CommentInput,
  guestKey: GuestKey | null = null,
): Promise<CommentsResult<{ id: string }>> {
  const notebook = await findReadable(db, viewer, { id: notebookId }, { guestComments: true });
  if (!notebook) return NOT_FOUND;
  const editor = viewer !== null && notebook.canWrite;
  if (!editor) {
    if (input.parentId === undefined) return fail("forbidden", viewer ? "Only editors can comment." : "Guests cannot start a comment thread; sign in to start one.");
    if (!repliesOpen(notebook.row)) return fail("forbidden", viewer ? "Only editors can comment." : "The owner has not let guests reply to comments on this notebook.");
  }
  let author: Author;
  if (viewer) author = { authorId: viewer.id };
  else if (input.guestName === undefined) return fail("bad_request", "Say who you are: a guest's reply needs a guestName.");
  else if (guestKey === null) return fail("bad_request", `A guest's reply needs the browser's key (the ${GUEST_KEY_HEADER} header), so that they alone can delete it.`);
  else author = { guestName: input.guestName, guestColor: input.guestColor ?? GUEST_COLOR, guestKey };
  const body = cleanBody(input.body);
  if (typeof body !== "string") return body;
  if (input.parentId !== undefined) {
    const parent = await db.comment.findFirst({ where: { id: input.parentId, notebookId }, select: { id: true, parentId: true, cellId: true, line: true, resolvedAt: true } });
    if (!parent) return NOT_FOUND;
    if (parent.parentId !== null) return fail("bad_request", "Reply to the thread's first comment: replies go one level deep.");
    if (!editor && parent.resolvedAt !== null) return fail("forbidden", "This thread is resolved; only editors can reopen it.");
    const [reply] = await db.$transaction([
      db.comment.create({ data: { notebookId, cellId: parent.cellId, line: parent.line, parentId: parent.id, ...author, body }, select: { id: true } }),
      ...(parent.resolvedAt !== null ? [db.comment.update({ where: { id: parent.id }, data: { resolvedAt: null }, select: { id: true } })] : []),
    ]);
    await commentsChanged(notebookId);
    return ok({ id: reply.id });
  }
  const line = input.line ?? null;
  const misplaced = await anchor(notebookId, input.cellId, line);
  if (misplaced) return misplaced;
  const made = await db.comment.create({ data: { notebookId, cellId: input.cellId!, line, ...author, body }, select: { id: true } });
  await commentsChanged(notebookId);
  return ok({ id: made.id });
}

/**
 * Resolves (or, with false, reopens) a thread; only a thread's first comment has that state. Only
 * editors with an account do (a guest on a notebook whose link gives editing is refused).
 */
export async function setResolved(db: Db, viewer: AccessViewer | null, notebookId: string, commentId: string, resolved: boolean, now = new Date()): Promise<CommentsResult> {
  const notebook = await findReadable(db, viewer, { id: notebookId });
  if (!notebook) return NOT_FOUND;
  const comment = await db.comment.findFirst({ where: { id: commentId, notebookId }, select: { parentId: true, resolvedAt: true } });
  if (!comment) return NOT_FOUND;
  if (viewer === null || !notebook.canWrite) return fail("forbidden", `Only editors can ${resolved ? "resolve" : "reopen"} comments${viewer ? "" : "; sign in first"}.`);
  if (comment.parentId !== null) return fail("bad_request", "Only a thread's first comment can be resolved or reopened.");
  // Resolving twice keeps the first time.
  if (resolved !== (comment.resolvedAt !== null)) {
    await db.comment.update({ where: { id: commentId }, data: { resolvedAt: resolved ? now : null } });
    await commentsChanged(notebookId);
  }
  return done;
}

/**
 * Deletes the viewer's own comment (a thread's first comment takes its replies with it); a guest's
 * own is one stored with their browser's key. Reading the notebook is enough: someone who is no
 * longer an editor (or a guest after the owner stopped guest replies) may still take back their words.
 */
export async function deleteComment(db: Db, viewer: AccessViewer | null, notebookId: string, commentId: string, guestKey: GuestKey | null = null): Promise<CommentsResult> {
  const notebook = await findReadable(db, viewer, { id: notebookId });
  if (!notebook) return NOT_FOUND;
  const comment = await db.comment.findFirst({ where: { id: commentId, notebookId }, select: { authorId: true, guestKey: true } });
  if (!comment) return NOT_FOUND;
  const theirs = viewer !== null ? comment.authorId === viewer.id : guestKey !== null && comment.guestKey === guestKey;
  if (!theirs) return fail("forbidden", "Only its author can delete a comment.");
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
