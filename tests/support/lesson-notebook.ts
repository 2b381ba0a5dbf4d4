/**
 * Reading a lesson notebook the way its test needs it: the code cells with their Tandem metadata,
 * and each exercise with the check cell after it and the markdown cell of hints and solution after
 * that. The hints and solution are `<details>` blocks (the app's markdown keeps them): hints open
 * one at a time because each next hint is nested inside the one before, and the solution is a
 * top-level block of its own holding a ```python fence. `exerciseHelp` parses that structure and
 * reports what is malformed, so the test can say exactly what a learner could not reach.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { readTandemCellMeta } from "../../lib/notebook/lesson-meta";

export const NOTEBOOK_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../notebooks");

/** The parts of an nbformat 4 notebook this test reads. */
export interface NotebookCell {
  id?: string;
  cell_type: string;
  source: string | string[];
  metadata?: Record<string, unknown>;
}
export interface Notebook {
  cells: NotebookCell[];
  metadata?: Record<string, unknown>;
}

export interface LessonCodeCell {
  /** Position among all cells, for messages about cells without an id. */
  index: number;
  id: string;
  source: string;
  metadata: Record<string, unknown> | undefined;
}

export function readNotebook(file: string): Notebook {
  return JSON.parse(readFileSync(path.join(NOTEBOOK_DIR, file), "utf8")) as Notebook;
}

const sourceOf = (cell: NotebookCell): string => (Array.isArray(cell.source) ? cell.source.join("") : cell.source);

export function codeCells(nb: Notebook): LessonCodeCell[] {
  return nb.cells.flatMap((cell, index) =>
    cell.cell_type === "code" ? [{ index, id: cell.id ?? `#${index}`, source: sourceOf(cell), metadata: cell.metadata }] : [],
  );
}

/** One `<details>` block: its summary and its body (markdown, nested blocks still in it), and its children. */
export interface Details {
  summary: string;
  body: string;
  children: Details[];
}

/**
 * The `<details>` blocks of a markdown text as a tree, or the reason it is not well-formed (a
 * block without a closing tag or without a `<summary>` first).
 */
export function parseDetails(markdown: string): { blocks: Details[] } | { error: string } {
  const tag = /<details>|<\/details>/g;
  const stack: { start: number; children: Details[] }[] = [{ start: 0, children: [] }];
  for (let m = tag.exec(markdown); m !== null; m = tag.exec(markdown)) {
    if (m[0] === "<details>") {
      stack.push({ start: m.index + m[0].length, children: [] });
      continue;
    }
    const open = stack.pop();
    const parent = stack[stack.length - 1];
    if (open === undefined || parent === undefined) return { error: `a </details> at offset ${m.index} closes nothing` };
    const inner = markdown.slice(open.start, m.index);
    const summary = /^\s*<summary>([\s\S]*?)<\/summary>/.exec(inner);
    if (!summary) return { error: `the <details> at offset ${open.start} does not begin with a <summary>` };
    parent.children.push({ summary: summary[1]!.trim(), body: inner.slice(summary[0].length), children: open.children });
  }
  if (stack.length !== 1) return { error: `${stack.length - 1} <details> left open` };
  return { blocks: stack[0]!.children };
}

/** What a learner can open under an exercise: hints in order (each inside the one before) and the solution's code. */
export interface ExerciseHelp {
  hints: string[];
  solution: string;
}

/** The hints and solution of an exercise's help markdown, or what is wrong with it. */
export function exerciseHelp(markdown: string): ExerciseHelp | { error: string } {
  const parsed = parseDetails(markdown);
  if ("error" in parsed) return parsed;
  const hints: string[] = [];
  // Hints open one at a time: the first is a top-level block, each next one nested in the one before.
  let level = parsed.blocks;
  for (;;) {
    const hint = level.find((d) => /^hint\b/i.test(d.summary));
    if (!hint) break;
    hints.push(hint.body);
    level = hint.children;
  }
  if (hints.length === 0) return { error: "no hint: expected a top-level <details> whose summary begins with \"Hint\"" };
  const allHints = (blocks: Details[]): number => blocks.reduce((n, d) => n + (/^hint\b/i.test(d.summary) ? 1 : 0) + allHints(d.children), 0);
  if (allHints(parsed.blocks) !== hints.length) return { error: "a hint is not nested in the one before it, so the hints do not open one at a time" };
  const solution = parsed.blocks.find((d) => /^solution\b/i.test(d.summary));
  if (!solution) return { error: "no solution: expected a top-level <details> whose summary begins with \"Solution\"" };
  const code = /```python\n([\s\S]*?)```/.exec(solution.body);
  if (!code) return { error: "the solution holds no ```python code block" };
  return { hints, solution: code[1]! };
}

/** An exercise as the lesson lays it out: the learner's cell, then its check, then the help. */
export interface LessonExercise {
  exercise: LessonCodeCell;
  check: LessonCodeCell;
  help: ExerciseHelp;
}

/** Every exercise of the notebook with its check and help; throws, naming the cell, when the layout is broken. */
export function lessonExercises(nb: Notebook): LessonExercise[] {
  const code = codeCells(nb);
  const byIndex = new Map(code.map((c) => [c.index, c]));
  return code
    .filter((cell) => readTandemCellMeta(cell.metadata).exercise === true)
    .map((exercise) => {
      const check = byIndex.get(exercise.index + 1);
      const meta = check && readTandemCellMeta(check.metadata);
      if (!check || !meta?.check || meta.check.hidden) {
        throw new Error(`exercise "${exercise.id}": the cell after it is not a visible check (metadata.tandem.check: { hidden: false })`);
      }
      if (meta.expect?.outcome !== "fails-until-solved" || meta.expect.exercise !== exercise.id) {
        throw new Error(`exercise "${exercise.id}": its check "${check.id}" should expect { outcome: "fails-until-solved", exercise: "${exercise.id}" }`);
      }
      const helpCell = nb.cells[exercise.index + 2];
      if (helpCell?.cell_type !== "markdown") throw new Error(`exercise "${exercise.id}": no markdown cell of hints after its check`);
      const help = exerciseHelp(sourceOf(helpCell));
      if ("error" in help) throw new Error(`exercise "${exercise.id}": its help cell "${helpCell.id ?? "?"}": ${help.error}`);
      return { exercise, check, help };
    });
}
