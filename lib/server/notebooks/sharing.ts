/**
 * Sharing a notebook: its visibility and link role, and collaborators invited by email as editor
 * or viewer. All of it is the owner's alone (anyone else gets "not found"); every change is
 * followed by a re-check of the notebook's open connections (collab/notebook-events.ts), so a
 * removed person is disconnected at once and a changed role takes effect at once. Whether guests
 * may reply to comments is the owner's too; changing it tells the open pages to fetch the comments
 * again, so a guest's Reply box comes and goes at once.
 */
import { z } from "zod";
import { accessChanged, commentsChanged } from "../collab/notebook-events";
import type { Db } from "../db/client";
import { asVisibility, SHARE_ROLES, VISIBILITIES, type ShareRole, type Visibility } from "./access";
import { done, fail } from "../../util/result";
import { NOT_FOUND, ownedNotebook, type OwnerAction } from "./library";

export interface Sharing {
  visibility: Visibility;
  linkRole: ShareRole;
  /** Guests who may read it (by the link, or because it is public) may reply to comment threads. */
  guestComments: boolean;
  collaborators: { email: string; role: ShareRole; name: string | null }[];
}

const emailSchema = z.string().trim().toLowerCase().pipe(z.email());
/** The body of PUT /api/notebooks/<id>/sharing. */
export const visibilityInput = z
  .object({ visibility: z.enum(VISIBILITIES), linkRole: z.enum(SHARE_ROLES) })
  .describe('{ visibility: "private" | "link" | "public", linkRole: "editor" | "viewer" }');
/** The body of PATCH /api/notebooks/<id>/sharing. */
export const guestCommentsInput = z.object({ guestComments: z.boolean() }).strict().describe("{ guestComments: boolean }");
/** The body of POST /api/notebooks/<id>/collaborators. */
export const inviteInput = z.object({ email: z.string(), role: z.enum(SHARE_ROLES) }).describe('{ email: string, role: "editor" | "viewer" }');
/** The body of DELETE /api/notebooks/<id>/collaborators. */
export const removeCollaboratorInput = z.object({ email: z.string() }).describe("{ email: string }");

export async function loadSharing(db: Db, viewerId: string, id: string): Promise<Sharing | null> {
  if (!(await ownedNotebook(db, viewerId, id))) return null;
  const row = await db.notebook.findUniqueOrThrow({
    where: { id },
    select: { visibility: true, linkRole: true, guestComments: true, shares: { orderBy: { createdAt: "asc" }, select: { email: true, role: true } } },
  });
  const people = await db.user.findMany({ where: { email: { in: row.shares.map((s) => s.email) } }, select: { email: true, name: true } });
  const names = new Map(people.map((p) => [p.email, p.name]));
  return {
    visibility: asVisibility(row.visibility),
    linkRole: row.linkRole === "viewer" ? "viewer" : "editor",
    guestComments: row.guestComments,
    collaborators: row.shares.map((s) => ({ email: s.email, role: s.role === "editor" ? "editor" : "viewer", name: names.get(s.email) ?? null })),
  };
}

/** A student's copy of an assignment stays between them and the class's teachers (access.ts). */
const COPY_STAYS_PRIVATE = fail("bad_request", "An assignment copy is shared with your class's teachers only. Fork it to share a copy of your own.");
const isAssignmentCopy = async (db: Db, id: string) => (await db.assignmentCopy.count({ where: { notebookId: id } })) > 0;

export async function setVisibility(db: Db, viewerId: string, id: string, input: z.infer<typeof visibilityInput>): Promise<OwnerAction> {
  if (!(await ownedNotebook(db, viewerId, id))) return NOT_FOUND;
  if (await isAssignmentCopy(db, id)) return COPY_STAYS_PRIVATE;
  await db.notebook.update({ where: { id }, data: { visibility: input.visibility, linkRole: input.linkRole } });
  await accessChanged(id);
  return done;
}

/** Lets guests reply to comments, or stops them (their replies stay; each guest may still delete theirs). */
export async function setGuestComments(db: Db, viewerId: string, id: string, input: z.infer<typeof guestCommentsInput>): Promise<OwnerAction> {
  if (!(await ownedNotebook(db, viewerId, id))) return NOT_FOUND;
  await db.notebook.update({ where: { id }, data: { guestComments: input.guestComments } });
  await commentsChanged(id);
  return done;
}

export async function invite(db: Db, viewerId: string, id: string, input: z.infer<typeof inviteInput>): Promise<OwnerAction> {
  const owner = await ownedNotebook(db, viewerId, id);
  if (!owner) return NOT_FOUND;
  if (await isAssignmentCopy(db, id)) return COPY_STAYS_PRIVATE;
  const email = emailSchema.safeParse(input.email);
  if (!email.success) return fail("bad_request", "That is not an email address.");
  if (email.data === owner.ownerEmail.toLowerCase()) return fail("bad_request", "You own this notebook already.");
  await db.notebookShare.upsert({
    where: { notebookId_email: { notebookId: id, email: email.data } },
    create: { notebookId: id, email: email.data, role: input.role },
    update: { role: input.role },
  });
  await accessChanged(id);
  return done;
}

export async function removeCollaborator(db: Db, viewerId: string, id: string, email: string): Promise<OwnerAction> {
  if (!(await ownedNotebook(db, viewerId, id))) return NOT_FOUND;
  await db.notebookShare.deleteMany({ where: { notebookId: id, email: email.trim().toLowerCase() } });
  await accessChanged(id);
  return done;
}
