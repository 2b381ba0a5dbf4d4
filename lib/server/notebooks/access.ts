/**
 * Who may see and change a notebook: the one rule, used by every page, route, export and
 * collaboration connection. Callers answer 404 (not 403) when reading is refused, so private
 * notebooks stay unseen.
 *
 * A person's role in a notebook, strongest first:
 *
 *   owner    its owner (for a student's copy of an assignment: that student; but viewer while the
 *            copy is locked at its due date: lib/classroom/due.ts, ADR 0006)
 *   teacher  a teacher of the class a student's copy belongs to: reads and writes it, the way a
 *            teacher walks over to a desk
 *   editor   invited as an editor (by email: NotebookShare), or anyone with the link of a "link"
 *            notebook whose linkRole is "editor" (guests included: how a pair gets going)
 *   viewer   invited as a viewer, or anyone with the link of a "link" notebook whose linkRole is
 *            "viewer", or anyone at all for a "public" notebook
 *   null     nobody else; and nobody at all while the notebook is in the trash
 *
 * "public" never gives more than viewer to strangers, so the lessons (public, owned by nobody)
 * stay as shipped.
 */
import { effectiveDue, lockedAtDue } from "../../classroom/due";

export const VISIBILITIES = ["private", "link", "public"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** A stored visibility as a Visibility; anything unknown reads as the strictest, "private". */
export function asVisibility(value: string): Visibility {
  return (VISIBILITIES as readonly string[]).includes(value) ? (value as Visibility) : "private";
}
export const SHARE_ROLES = ["editor", "viewer"] as const;
export type ShareRole = (typeof SHARE_ROLES)[number];
export type Role = "owner" | "teacher" | ShareRole;

export interface AccessSubject {
  visibility: string;
  ownerId: string | null;
  /** In the trash: nobody reads or writes it (its owner may restore it from the library). */
  deletedAt: Date | null;
  /** What the link gives (see above); absent means "editor", the column's default. */
  linkRole?: string;
  /** The viewer's own invitations (at most one): select them with accessSelect(viewer). */
  shares?: readonly { role: string }[];
  /**
   * Set for a student's copy of an assignment: the viewer's teacher membership of its class, if
   * any; and, for the lock at the due date, the copy's status, the assignment's lockAtDue and due
   * date, and the viewer's own extension (absent fields: no lock).
   */
  assignmentCopy?: {
    status?: string;
    assignment: {
      lockAtDue?: boolean;
      dueAt?: Date | null;
      /** The viewer's extension of this assignment (at most one). */
      extensions?: readonly { dueAt: Date }[];
      classroom: { members: readonly { role: string }[] };
    };
  } | null;
}

/** Who is asking: a signed-in person, or null for a guest. */
export interface AccessViewer {
  readonly id: string;
  readonly email: string;
}

/** The Prisma select that gives canRead / canWrite / roleOf what they need for `viewer`. */
export function accessSelect(viewer: AccessViewer | null) {
  return {
    visibility: true,
    ownerId: true,
    deletedAt: true,
    linkRole: true,
    // A guest has no invitations: match nothing.
    shares: { where: { email: viewer?.email.toLowerCase() ?? "" }, select: { role: true } },
    assignmentCopy: {
      select: {
        status: true,
        assignment: {
          select: {
            lockAtDue: true,
            dueAt: true,
            // The lock binds the copy's owner, its student; so the extension that counts is the
            // viewer's own (a teacher's finds none, and needs none).
            extensions: { where: { studentId: viewer?.id ?? "" }, select: { dueAt: true } },
            classroom: { select: { members: { where: { userId: viewer?.id ?? "", role: "teacher" }, select: { role: true } } } },
          },
        },
      },
    },
  } as const;
}

const rank: Record<Role, number> = { viewer: 1, editor: 2, teacher: 3, owner: 4 };
const stronger = (a: Role | null, b: Role | null): Role | null => (a === null ? b : b === null ? a : rank[a] >= rank[b] ? a : b);

function asShareRole(value: string | undefined): ShareRole | null {
  return value === "editor" || value === "viewer" ? value : null;
}

/** Whether a student's copy is locked at its due date for its owner, at `now` (ADR 0006). */
function ownerLocked(notebook: AccessSubject, now: Date): boolean {
  const copy = notebook.assignmentCopy;
  if (!copy) return false;
  const { lockAtDue = false, dueAt = null, extensions = [] } = copy.assignment;
  return lockedAtDue({ lockAtDue, dueAt: effectiveDue(dueAt, extensions[0]?.dueAt), status: copy.status ?? "working" }, now);
}

/** The viewer's role at `now` (the lock at the due date depends on it), or null when they may not read it. */
export function roleOf(notebook: AccessSubject, viewer: AccessViewer | null, now: Date = new Date()): Role | null {
  if (notebook.deletedAt !== null) return null;
  if (viewer !== null && notebook.ownerId === viewer.id) return ownerLocked(notebook, now) ? "viewer" : "owner";
  const teacher = viewer !== null && (notebook.assignmentCopy?.assignment.classroom.members ?? []).some((m) => m.role === "teacher");
  if (teacher) return "teacher";
  const invited = viewer === null ? null : (notebook.shares ?? []).map((s) => asShareRole(s.role)).reduce(stronger, null);
  const linkRole = asShareRole(notebook.linkRole ?? "editor") ?? "viewer";
  const general: Role | null = notebook.visibility === "link" ? linkRole : notebook.visibility === "public" ? "viewer" : null;
  return stronger(invited, general);
}

export function canRead(notebook: AccessSubject, viewer: AccessViewer | null, now: Date = new Date()): boolean {
  return roleOf(notebook, viewer, now) !== null;
}

export function canWrite(notebook: AccessSubject, viewer: AccessViewer | null, now: Date = new Date()): boolean {
  const role = roleOf(notebook, viewer, now);
  return role === "owner" || role === "teacher" || role === "editor";
}
