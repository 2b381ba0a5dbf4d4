/**
 * Runs every lesson notebook (notebooks/*.ipynb) in real Pyodide under Node, the way the browser
 * kernel runs it: every code cell, in order, in one interpreter and one namespace per notebook,
 * so state carries from cell to cell. Each cell must behave as its `metadata.tandem.expect` says
 * (`ok`: no exception; `error`: that exception class, with `match` in its message;
 * `fails-until-solved`: a check that raises AssertionError while its exercise holds the starter),
 * and every code cell must state an expectation.
 *
 * Each exercise is also tried the way a learner meets it, in a copy of the namespace the cells
 * before it built and again after a fresh start: its check fails on the untouched starter, passes
 * with the code from the solution a learner can open, and answers each common wrong answer below
 * with its targeted message.
 */
import { readdirSync } from "node:fs";

import type { PyDict } from "pyodide/ffi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { readTandemCellMeta, tandemNotebookMeta, type TandemCellMeta } from "../../lib/notebook/lesson-meta";
import { codeCells, lessonExercises, NOTEBOOK_DIR, readNotebook, type LessonExercise } from "../support/lesson-notebook";
import { describeRun, mismatch, startLessonKernel, type CellRun, type LessonKernel } from "../support/lesson-pyodide";

const LOAD_TIMEOUT_MS = 120_000;
const CELL_TIMEOUT_MS = 60_000;

/**
 * Mistakes learners typically make, per exercise: `code` runs after the starter (what the learner
 * added or changed), and the check must then fail with a message containing `says`.
 */
const WRONG_ANSWERS: Record<string, { mistake: string; code: string; says: string }[]> = {
  "ex-gc": [
    {
      mistake: "the ring is left open (c.partner never set)",
      code: 'def build_ring():\n    a, b, c = Node("a"), Node("b"), Node("c")\n    a.partner, b.partner = b, c\n    return a\n',
      says: "must point back to a",
    },
    {
      mistake: "a list outside the function keeps a node",
      code: 'kept = []\ndef build_ring():\n    a, b, c = Node("a"), Node("b"), Node("c")\n    a.partner, b.partner, c.partner = b, c, a\n    kept.append(c)\n    return a\n',
      says: "something outside the ring",
    },
  ],
  "ex-identity": [
    { mistake: "the first uncached number instead of the last cached one", code: "lowest_cached = next(n for n in range(0, -21, -1) if not is_cached(n))\n", says: "-6 is the first number that is NOT cached" },
    { mistake: "== where identity is asked", code: "lowest_cached = min(n for n in range(0, -21, -1) if int(str(n)) == int(str(n)))\n", says: "compare with == where identity (is) is asked" },
  ],
  "ex-bytecode": [{ mistake: "the guess written as text", code: 'guess = "1.5"\n', says: "without quotes" }],
  "ex-explain": [
    { mistake: "blames the GIL", code: 'explanation = "The GIL lets only one thread run at a time, so some of the additions get lost."\n', says: "the GIL is not the cause" },
    {
      mistake: "names the gap but no fix",
      code: 'explanation = "The other task runs between the read and the write, so it uses an old value and one update is lost."\n',
      says: "Say what would fix it",
    },
  ],
  "ex-imports": [{ mistake: "VERSION made in the notebook, not in the module", code: "VERSION = (1, 0)\n", says: "VERSION is a name in your notebook, not in the module" }],
  "ex-fix": [
    {
      mistake: "both `is` changed to ==, the sentinel test too",
      code: "def lookup(pairs, key, default=_MISSING):\n    for k, value in pairs:\n        if k == key:\n            return value\n    if default == _MISSING:\n        raise KeyError(key)\n    return default\n",
      says: "A sentinel is checked with `is`",
    },
    {
      mistake: "hashes compared instead of values",
      code: "def lookup(pairs, key, default=_MISSING):\n    for k, value in pairs:\n        if hash(k) == hash(key):\n            return value\n    if default is _MISSING:\n        raise KeyError(key)\n    return default\n",
      says: "equal hashes do not mean equal values",
    },
  ],
};

const notebookFiles = readdirSync(NOTEBOOK_DIR)
  .filter((f) => f.endsWith(".ipynb"))
  .sort();

let kernel: LessonKernel;

beforeAll(async () => {
  kernel = await startLessonKernel();
}, LOAD_TIMEOUT_MS);

describe("lesson notebooks", () => {
  it("there is at least one notebook in notebooks/", () => {
    expect(notebookFiles.length).toBeGreaterThan(0);
  });
});

/** Runs `steps` in order in `globals` and returns the last run; fails the test if an earlier step raised. */
async function runSteps(globals: PyDict, file: string, steps: { name: string; source: string }[]): Promise<CellRun> {
  let run: CellRun | undefined;
  for (const [i, step] of steps.entries()) {
    run = await kernel.run(step.source, `${file}#${step.name}`, globals);
    if (i < steps.length - 1 && run.error) expect.fail(`${file}: "${step.name}" raised before the check ran\n${describeRun(run)}`);
  }
  return run!;
}

/** The exercise tests: starter fails its check, solution passes, each common mistake gets its message. */
function exerciseTests(file: string, ex: LessonExercise, namespaceBefore: () => PyDict) {
  const starter = { name: ex.exercise.id, source: ex.exercise.source };
  const solution = { name: `${ex.exercise.id} (solution)`, source: ex.help.solution };
  const check = { name: ex.check.id, source: ex.check.source };
  const starts: [string, () => PyDict][] = [
    ["after the cells before it", () => kernel.fork(namespaceBefore())],
    ["after a fresh start", () => kernel.namespace()],
  ];

  for (const [when, start] of starts) {
    it(`${file} › exercise ${ex.exercise.id}, ${when}: its check fails on the starter and passes with the solution`, async () => {
      const onStarter = start();
      try {
        const run = await runSteps(onStarter, file, [starter, check]);
        expect(run.error?.type, `the check "${ex.check.id}" should fail on the untouched starter\n${describeRun(run)}`).toBe("AssertionError");
        expect(run.error!.message.trim(), "a failing check should say what is missing").not.toBe("");
      } finally {
        onStarter.destroy();
      }
      const solved = start();
      try {
        const run = await runSteps(solved, file, [solution, check]);
        expect(run.error, `the check "${ex.check.id}" should pass with the solution\n${describeRun(run)}`).toBeUndefined();
        expect(run.stdout.trim(), "a passing check should say so").not.toBe("");
      } finally {
        solved.destroy();
      }
    }, CELL_TIMEOUT_MS);
  }

  it(`${file} › exercise ${ex.exercise.id}: common wrong answers get their targeted messages`, async () => {
    const wrongAnswers = WRONG_ANSWERS[ex.exercise.id] ?? [];
    expect(wrongAnswers.length, `list at least one common wrong answer for exercise "${ex.exercise.id}" in WRONG_ANSWERS`).toBeGreaterThan(0);
    for (const wrong of wrongAnswers) {
      const globals = kernel.fork(namespaceBefore());
      try {
        const run = await runSteps(globals, file, [starter, { name: `${ex.exercise.id} (${wrong.mistake})`, source: wrong.code }, check]);
        expect(run.error?.type, `${wrong.mistake}: the check should fail\n${describeRun(run)}`).toBe("AssertionError");
        expect(run.error!.message, `${wrong.mistake}: the check should say so`).toContain(wrong.says);
      } finally {
        globals.destroy();
      }
    }
  }, CELL_TIMEOUT_MS);
}

for (const file of notebookFiles) {
  const notebook = readNotebook(file);
  const cells = codeCells(notebook);
  let exercises: LessonExercise[] = [];
  let layoutProblem: string | undefined;
  try {
    exercises = lessonExercises(notebook);
  } catch (e) {
    layoutProblem = e instanceof Error ? e.message : String(e);
  }
  const exerciseAt = new Map(exercises.map((ex) => [ex.exercise.id, ex]));

  describe(`notebook ${file}`, () => {
    let globals: PyDict;

    beforeAll(() => {
      // A fresh namespace per notebook, like a new kernel session.
      globals = kernel.namespace();
    });
    afterAll(() => {
      globals.destroy();
    });

    it("has valid Tandem lesson metadata", () => {
      const parsed = tandemNotebookMeta.safeParse(notebook.metadata?.tandem ?? {});
      expect(parsed.success, `${file}: invalid notebook metadata.tandem: ${parsed.error?.message ?? ""}`).toBe(true);
    });

    it("gives every code cell a unique id and a stated expectation (metadata.tandem.expect)", () => {
      const problems: string[] = [];
      const seen = new Set<string>();
      for (const cell of cells) {
        if (cell.id.startsWith("#")) problems.push(`code cell ${cell.id} has no id`);
        else if (seen.has(cell.id)) problems.push(`cell id "${cell.id}" is used twice`);
        seen.add(cell.id);
        try {
          if (readTandemCellMeta(cell.metadata).expect === undefined) {
            problems.push(`cell "${cell.id}" has no metadata.tandem.expect`);
          }
        } catch (e) {
          problems.push(`cell "${cell.id}" has invalid metadata.tandem: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      expect(problems, problems.join("\n")).toEqual([]);
    });

    it("follows each exercise with its check, then hints that open one at a time and a solution", () => {
      expect(layoutProblem, layoutProblem).toBeUndefined();
      for (const ex of exercises) {
        expect(ex.help.hints.length, `exercise "${ex.exercise.id}" has no hint`).toBeGreaterThan(0);
        for (const hint of ex.help.hints) expect(hint.trim(), `exercise "${ex.exercise.id}" has an empty hint`).not.toBe("");
        expect(ex.help.solution.trim(), `exercise "${ex.exercise.id}" has an empty solution`).not.toBe("");
      }
    });

    for (const cell of cells) {
      const ex = exerciseAt.get(cell.id);
      // Tried before the exercise cell runs in order, on copies of the namespace the cells before it built.
      if (ex) exerciseTests(file, ex, () => globals);

      it(
        `${file} › cell ${cell.id}`,
        async () => {
          // Run first, whatever the metadata says, so later cells see the state this one builds.
          const run = await kernel.run(cell.source, `${file}#${cell.id}`, globals);
          let meta: TandemCellMeta;
          try {
            meta = readTandemCellMeta(cell.metadata);
          } catch (e) {
            expect.fail(`${file} cell "${cell.id}" has invalid metadata.tandem: ${e instanceof Error ? e.message : String(e)}`);
          }
          const expectation = meta.expect;
          if (expectation === undefined) {
            expect.fail(`${file} cell "${cell.id}" has no metadata.tandem.expect\n${describeRun(run)}`);
          }
          const problem = mismatch(expectation, run);
          if (problem !== undefined) {
            expect.fail(`${file} cell "${cell.id}": ${problem}\n${describeRun(run)}`);
          }
        },
        CELL_TIMEOUT_MS,
      );
    }
  });
}
