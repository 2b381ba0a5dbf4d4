/**
 * Tandem's namespaced metadata on lesson notebooks and their cells.
 *
 * Lessons are written for CPython on a 64-bit machine, but Tandem runs Python in the browser
 * (Pyodide: CPython 3.14 on 32-bit WebAssembly, no threads). A cell whose result differs there
 * says so here: `expect` is how the cell behaves in the browser kernel (checked by a test that
 * runs every lesson cell in Pyodide), and `reference` keeps the lesson's own output beside it,
 * with a note that explains the difference, so the UI can show "expected in the lesson" next to
 * "what you got".
 *
 * Everything lives under the `tandem` key of nbformat metadata, so other tools keep and ignore it.
 *
 * The notebook page reads this metadata for every cell, so this module is in its bundle: the
 * schemas are built with zod/mini, whose functions tree-shake (full zod's chainable schemas carry
 * every method and cost ~450 KB of script). They fail with zod's core `$ZodError`, which the seed
 * loader reads the issues' paths from.
 */
import { en } from "zod/locales";
import * as z from "zod/mini";

// zod/mini ships no messages. Install zod's English ones unless a locale was chosen, as full zod
// does when it builds its first schema, so a failure reads the same whichever zod loaded first.
if (!z.config().localeError) z.config(en());

/** The metadata key under which Tandem keeps its own data in nbformat metadata. */
export const TANDEM_META_KEY = "tandem";

const nonEmpty = () => z.string().check(z.minLength(1));

/** An nbformat 4 output object, kept opaque here: nbformat validation checks its shape. */
const nbOutput = z.record(z.string(), z.unknown());

/**
 * How a code cell behaves when run, in order, in the browser kernel. A lesson's check cell (a
 * `check` in its metadata) tests the learner's work on an exercise: run on the notebook as shipped
 * it fails, and that is neither the lesson's point nor something the browser does differently, so
 * it says `fails-until-solved` rather than `error` (whose reason the UI shows as "in your browser
 * this cell raises ..."). The lesson test holds it to that: an AssertionError on the starter, a pass
 * with the solution.
 */
export const cellExpectation = z.discriminatedUnion("outcome", [
  z.object({ outcome: z.literal("ok") }),
  z.object({
    outcome: z.literal("fails-until-solved"),
    /** The id of the exercise cell whose work this check tests. */
    exercise: nonEmpty(),
  }),
  z.object({
    outcome: z.literal("error"),
    /** Python exception class name, e.g. "RuntimeError". */
    ename: nonEmpty(),
    /** A substring the exception message must contain. */
    match: z.optional(z.string()),
    /** Why this cell fails in the browser (shown to the learner). */
    reason: nonEmpty(),
  }),
]);
export type CellExpectation = z.infer<typeof cellExpectation>;

/** The lesson's reference run of a cell, on the interpreter the lesson text was written for. */
export const cellReference = z.object({
  /** e.g. "CPython 3.12, 64-bit Linux". */
  interpreter: nonEmpty(),
  /** nbformat outputs as the lesson printed them. */
  outputs: z.array(nbOutput),
  /** Markdown: why the browser kernel's result differs (omit when it does not). */
  differs: z.optional(nonEmpty()),
});
export type CellReference = z.infer<typeof cellReference>;

/** The most a single check may be worth. */
export const CHECK_POINTS_MAX = 1000;

export const tandemCellMeta = z.object({
  expect: z.optional(cellExpectation),
  reference: z.optional(cellReference),
  /** Marks a short exercise for the learner. */
  exercise: z.optional(z.boolean()),
  /**
   * Marks a code cell as a check (assert-based) of an assignment (checks.ts). A hidden check's
   * code is taken out of the students' copies and run in their kernel without being shown.
   */
  check: z.optional(
    z.object({
      hidden: z.boolean(),
      /** What passing it is worth (partial credit): 1 when absent. */
      points: z.optional(z.number().check(z.positive(), z.lte(CHECK_POINTS_MAX))),
    }),
  ),
});
export type TandemCellMeta = z.infer<typeof tandemCellMeta>;

/** Notebook-level lesson data, used by the seed loader to fill the lesson catalogue. */
export const tandemLessonMeta = z.object({
  slug: z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "lowercase words joined by hyphens")),
  title: z.string().check(z.minLength(1), z.maxLength(200)),
  summary: z.string().check(z.minLength(1), z.maxLength(500)),
  level: z.enum(["beginner", "intermediate", "advanced"]),
  minutes: z.number().check(z.int(), z.positive()),
  /** Place in the catalogue, ascending. */
  position: z.number().check(z.int(), z.nonnegative()),
});
export type TandemLessonMeta = z.infer<typeof tandemLessonMeta>;

export const tandemNotebookMeta = z.object({ lesson: z.optional(tandemLessonMeta) });

/** Reads Tandem's cell metadata out of an nbformat cell's metadata object; throws a $ZodError naming the bad field. */
export function readTandemCellMeta(metadata: Record<string, unknown> | undefined): TandemCellMeta {
  const raw = metadata?.[TANDEM_META_KEY];
  return raw === undefined ? {} : tandemCellMeta.parse(raw);
}
