import { describe, expect, it } from "vitest";
import { $ZodError } from "zod/v4/core";
import { readTandemCellMeta, tandemCellMeta, tandemNotebookMeta, TANDEM_META_KEY } from "./lesson-meta";

const lesson = { slug: "python-internals", title: "Python Internals", summary: "How CPython works.", level: "advanced", minutes: 40, position: 1 };

describe("lesson metadata", () => {
  it("reads a cell's Tandem metadata, and none when there is none", () => {
    const expectation = { outcome: "error", ename: "RuntimeError", match: "threads", reason: "No threads in the browser." };
    expect(readTandemCellMeta({ [TANDEM_META_KEY]: { expect: expectation, exercise: true, check: { hidden: false } } })).toEqual({
      expect: expectation,
      exercise: true,
      check: { hidden: false },
    });
    expect(readTandemCellMeta({})).toEqual({});
    expect(readTandemCellMeta(undefined)).toEqual({});
  });

  it("throws a zod error that names the bad field", () => {
    let error: unknown;
    try {
      readTandemCellMeta({ tandem: { expect: { outcome: "maybe" } } });
    } catch (e) {
      error = e;
    }
    // The seed loader tells metadata problems from other failures this way.
    expect(error).toBeInstanceOf($ZodError);
    expect(error).toBeInstanceOf(Error);
    expect((error as $ZodError).issues.map((issue) => issue.path)).toEqual([["expect", "outcome"]]);
  });

  it("checks the lesson's catalogue data, with zod's English messages", () => {
    expect(tandemNotebookMeta.safeParse({ lesson })).toEqual({ success: true, data: { lesson } });
    const bad = tandemNotebookMeta.safeParse({ lesson: { ...lesson, slug: "Not A Slug", minutes: 1.5, position: -1 } });
    expect(bad.success).toBe(false);
    expect(bad.error).toBeInstanceOf($ZodError);
    expect(bad.error!.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["lesson.slug", "lowercase words joined by hyphens"],
      ["lesson.minutes", "Invalid input: expected int, received number"],
      ["lesson.position", "Too small: expected number to be >=0"],
    ]);
  });

  it("reads a check that fails until its exercise is solved, which must name the exercise", () => {
    const expectation = { outcome: "fails-until-solved", exercise: "ex-gc" };
    expect(readTandemCellMeta({ [TANDEM_META_KEY]: { expect: expectation, check: { hidden: false } } })).toEqual({
      expect: expectation,
      check: { hidden: false },
    });
    const bad = tandemCellMeta.safeParse({ expect: { outcome: "fails-until-solved" } });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((issue) => issue.path)).toEqual([["expect", "exercise"]]);
  });

  it("drops keys it does not know, as nbformat tools may add their own", () => {
    expect(tandemCellMeta.parse({ exercise: false, future: 1 })).toEqual({ exercise: false });
  });
});
