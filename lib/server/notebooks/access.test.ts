import { describe, expect, it } from "vitest";
import { canRead, canWrite, roleOf, type AccessSubject } from "./access";

const ada = { id: "ada", email: "ada@example.com" };
const grace = { id: "grace", email: "grace@example.com" };
const nb = (over: Partial<AccessSubject> = {}): AccessSubject => ({ visibility: "private", ownerId: "ada", deletedAt: null, linkRole: "editor", shares: [], ...over });

describe("roleOf", () => {
  it("gives a private notebook to its owner and its invited collaborators only", () => {
    expect(roleOf(nb(), ada)).toBe("owner");
    expect(roleOf(nb(), grace)).toBeNull();
    expect(roleOf(nb(), null)).toBeNull();
    expect(roleOf(nb({ shares: [{ role: "viewer" }] }), grace)).toBe("viewer");
    expect(roleOf(nb({ shares: [{ role: "editor" }] }), grace)).toBe("editor");
    // An invitation means nothing to a guest, and an unknown role gives nothing.
    expect(roleOf(nb({ shares: [{ role: "editor" }] }), null)).toBeNull();
    expect(roleOf(nb({ shares: [{ role: "admin" }] }), grace)).toBeNull();
  });

  it("gives the link's role to anyone with a link notebook, guests included, and the stronger of two roles", () => {
    expect(roleOf(nb({ visibility: "link" }), null)).toBe("editor");
    expect(roleOf(nb({ visibility: "link", linkRole: "viewer" }), null)).toBe("viewer");
    expect(roleOf(nb({ visibility: "link", linkRole: "viewer", shares: [{ role: "editor" }] }), grace)).toBe("editor");
    expect(roleOf(nb({ visibility: "link", linkRole: "editor", shares: [{ role: "viewer" }] }), grace)).toBe("editor");
  });

  it("never lets strangers edit a public notebook (the lessons)", () => {
    const lesson = nb({ visibility: "public", ownerId: null, linkRole: "editor" });
    expect(roleOf(lesson, null)).toBe("viewer");
    expect(canWrite(lesson, grace)).toBe(false);
    expect(canWrite(nb({ visibility: "public", shares: [{ role: "editor" }] }), grace)).toBe(true);
  });

  it("gives nobody a notebook in the trash, not even its owner", () => {
    const trashed = nb({ visibility: "public", deletedAt: new Date() });
    expect(canRead(trashed, ada)).toBe(false);
    expect(canRead(trashed, null)).toBe(false);
  });

  it("gives a student's copy to the teachers of its class, and to no other member", () => {
    const copy = (roles: string[]) => nb({ assignmentCopy: { assignment: { classroom: { members: roles.map((role) => ({ role })) } } } });
    expect(roleOf(copy(["teacher"]), grace)).toBe("teacher");
    expect(canWrite(copy(["teacher"]), grace)).toBe(true);
    expect(roleOf(copy(["student"]), grace)).toBeNull();
    expect(roleOf(copy([]), grace)).toBeNull();
    expect(roleOf(copy(["teacher"]), ada)).toBe("owner");
    expect(roleOf(copy(["teacher"]), null)).toBeNull();
    expect(roleOf({ ...copy(["teacher"]), deletedAt: new Date() }, grace)).toBeNull();
  });

  it("makes a copy's student a viewer from their own due instant until the copy is returned (ADR 0006)", () => {
    const due = new Date("2027-03-01T17:00:00Z");
    const copy = (over: { status?: string; lockAtDue?: boolean; extension?: Date }, members: string[] = []) =>
      nb({
        assignmentCopy: {
          status: over.status ?? "working",
          assignment: { lockAtDue: over.lockAtDue ?? true, dueAt: due, extensions: over.extension ? [{ dueAt: over.extension }] : [], classroom: { members: members.map((role) => ({ role })) } },
        },
      });
    const before = new Date(due.getTime() - 1);
    expect(roleOf(copy({}), ada, before)).toBe("owner");
    expect(roleOf(copy({}), ada, due)).toBe("viewer");
    expect(canWrite(copy({ status: "submitted" }), ada, due)).toBe(false);
    expect(roleOf(copy({ status: "returned" }), ada, due)).toBe("owner");
    expect(roleOf(copy({ lockAtDue: false }), ada, due)).toBe("owner");
    const later = new Date(due.getTime() + 86_400_000);
    expect(roleOf(copy({ extension: later }), ada, due)).toBe("owner");
    expect(roleOf(copy({ extension: later }), ada, later)).toBe("viewer");
    expect(roleOf(copy({}, ["teacher"]), grace, later)).toBe("teacher");
  });
});
