/**
 * The lesson's exercises in a class (issue #18), with real Pyodide: a teacher assigns the Python
 * Internals lesson as it ships, a student answers an exercise wrongly and the exercise's check
 * says what is wrong (the teacher, in the copy with her, sees the same output), then rightly and the
 * check passes; the hints open one at a time and the solution is there under them; the teacher's
 * grid shows the check's result. Again at phone size, for the exercise and its help. Photographs
 * go to E2E_SHOTS when it is set (for a person to look at), nowhere otherwise.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { signUp } from "./support/accounts";
import { classWithAssignment, joinAndOpen, signUpByApi } from "./support/classroom";
import { E2E_URL } from "./support/env";
import { codeEditor, notebookCell, pythonReady, replaceCode } from "./support/notebook-page";

type Cell = { id: string; cell_type: string; source: string[] | string; metadata: { tandem?: { check?: unknown } } };
const lesson = JSON.parse(readFileSync("notebooks/python-internals.ipynb", "utf8")) as { cells: Cell[] };
const source = (id: string) => {
  const cell = lesson.cells.find((c) => c.id === id)!;
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
};
const CHECKS = lesson.cells.filter((c) => c.metadata.tandem?.check).length;

/** Exercise 2's starter with `lowest_cached` found by a downward search: the first uncached number (-6), the classic off-by-one. */
const WRONG = source("ex-identity").replace("lowest_cached = None", "lowest_cached = next(n for n in range(0, -21, -1) if not is_cached(n))");
/** The same search, one step back towards zero: -5. */
const RIGHT = source("ex-identity").replace("lowest_cached = None", "lowest_cached = next(n for n in range(0, -21, -1) if not is_cached(n)) + 1");
const WRONG_FEEDBACK = "-6 is the first number that is NOT cached. The question asks for the last one that is";
const RIGHT_FEEDBACK = "Right: the cache runs from -5 to 256";

/** Opening the lesson on a busy machine (a long notebook, and Python starting in every page that opens it). */
const CONNECTED = { timeout: 60_000 };

const SHOTS = process.env.E2E_SHOTS;
async function photograph(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

// One after the other: four pages booting Python on two cores at once is slower than either test's timeouts.
test.describe.configure({ mode: "default" });

const outputs = (page: Page, id: string) => notebookCell(page, id).getByTestId("cell-outputs");

/** Runs one cell as a person would: into its editor (a check's is read-only in a copy), Ctrl+Enter. */
async function run(page: Page, id: string): Promise<void> {
  await codeEditor(page, id).click();
  await page.keyboard.press("Control+Enter");
}

/** Answers exercise 2 with `code` and runs the exercise, then its check. */
async function answer(page: Page, code: string): Promise<void> {
  await notebookCell(page, "ex-identity").scrollIntoViewIfNeeded();
  await replaceCode(page, "ex-identity", code);
  await page.keyboard.press("Control+Enter");
  await run(page, "ex-identity-check");
}

/** The help under exercise 2: hint 2 only inside hint 1, the solution beside them. */
async function openHelp(page: Page, name: string, touch = false): Promise<void> {
  const press = (target: Locator) => (touch ? target.tap() : target.click());
  const help = notebookCell(page, "ex-identity-help");
  await help.scrollIntoViewIfNeeded();
  const hint1 = help.locator("summary").getByText("Hint 1", { exact: true });
  const hint2 = help.locator("summary").getByText("Hint 2", { exact: true });
  const solution = help.locator("summary").getByText("Solution", { exact: true });
  await expect(hint1).toBeVisible();
  await expect(solution).toBeVisible();
  await expect(hint2).toBeHidden();
  await expect(help.getByText("Walk down from 0 one step at a time")).toBeHidden();

  await press(hint1);
  await expect(help.getByText("Walk down from 0 one step at a time")).toBeVisible();
  await expect(hint2).toBeVisible();
  await expect(help.getByText("Keep the last number that was still cached")).toBeHidden();
  await press(hint2);
  await expect(help.getByText("Keep the last number that was still cached")).toBeVisible();
  await expect(help.locator("pre")).toBeHidden();
  await photograph(page, `${name}-hints`);

  await press(solution);
  await expect(help.locator("pre")).toContainText("while is_cached(lowest_cached - 1)");
}

async function person(browser: Browser, name: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: E2E_URL, viewport })).newPage();
  await signUp(page, name);
  return page;
}

test("a teacher assigns the lesson; a wrong answer gets the check's targeted message, a right one passes; hints one at a time; the grid shows it", async ({ browser }) => {
  test.setTimeout(240_000);
  const teacher = await person(browser, "Tess Teacher");
  const ann = await person(browser, "Ann Student");

  // The teacher assigns the lesson as it ships.
  await teacher.goto("/classes");
  await teacher.getByLabel("Class name").fill("Internals");
  await teacher.getByRole("button", { name: "Create class" }).click();
  await expect(teacher.getByRole("heading", { level: 1 })).toHaveText("Internals");
  const code = (await teacher.locator(".join-code-value").textContent())!;
  const classUrl = teacher.url();
  await teacher.getByRole("button", { name: "Assign a notebook" }).click();
  await teacher.getByLabel("Notebook").selectOption({ label: "Python Internals" });
  await expect(teacher.getByLabel("Title")).toHaveValue("Python Internals");
  await teacher.getByRole("button", { name: "Assign", exact: true }).click();
  await expect(teacher.getByRole("form", { name: "New assignment" })).toHaveCount(0);

  // Ann joins and opens her copy: the lesson's checks, none run yet.
  await ann.goto(`/join/${code.replace("-", "")}`);
  await ann.getByRole("button", { name: "Join class" }).click();
  await ann.getByRole("button", { name: "Start" }).click();
  await expect(ann).toHaveURL(/\/n\//);
  await expect(ann.getByTestId("check-panel")).toContainText(`0 of ${CHECKS} checks passed`, CONNECTED);

  // The teacher steps into her copy, live.
  await teacher.goto(classUrl);
  await teacher.locator('[data-testid="grid-row"][data-student="Ann Student"]').getByRole("link", { name: /Open Ann Student's copy/ }).click();
  await expect(teacher).toHaveURL(ann.url());
  await expect(teacher.getByTestId("connection-status")).toHaveText("Connected", CONNECTED);

  // A wrong answer: the check fails with the message written for that mistake, for both of them.
  await pythonReady(ann);
  await answer(ann, WRONG);
  await expect(outputs(ann, "ex-identity-check")).toContainText("AssertionError", { timeout: 60_000 });
  await expect(outputs(ann, "ex-identity-check")).toContainText(WRONG_FEEDBACK);
  await notebookCell(teacher, "ex-identity-check").scrollIntoViewIfNeeded();
  await expect(outputs(teacher, "ex-identity-check")).toContainText(WRONG_FEEDBACK);
  await expect(ann.getByTestId("check-panel")).toContainText(`0 of ${CHECKS} checks passed`);
  await notebookCell(ann, "ex-identity-prompt").evaluate((el) => el.scrollIntoView({ block: "start" }));
  await photograph(ann, "desktop-exercise-failing");

  // The help: one hint at a time, then the solution.
  await openHelp(ann, "desktop");

  // The right answer: the check passes, and says why.
  await answer(ann, RIGHT);
  await expect(outputs(ann, "ex-identity-check")).toContainText(RIGHT_FEEDBACK, { timeout: 60_000 });
  await expect(outputs(ann, "ex-identity-check")).not.toContainText("AssertionError");
  await expect(outputs(teacher, "ex-identity-check")).toContainText(RIGHT_FEEDBACK);
  await expect(ann.getByTestId("check-panel")).toContainText(`1 of ${CHECKS} checks passed`);

  // The teacher's grid: one of the lesson's checks passed, exercise 2's (the second).
  await teacher.goto(classUrl);
  const annRow = teacher.locator('[data-testid="grid-row"][data-student="Ann Student"]');
  await expect(annRow).toContainText(`1 of ${CHECKS} checks passed`);
  await expect(annRow).toContainText("check 2 passed");
  await expect(annRow.locator(".check-mark").nth(1)).toHaveClass(/check-passed/);
  await photograph(teacher, "desktop-grid");

  for (const page of [teacher, ann]) await page.context().close();
});

test("at phone size the exercise, its failing check and its help fit the screen", async ({ browser }) => {
  test.setTimeout(180_000);
  const phone = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, baseURL: E2E_URL };
  const teacherContext = await browser.newContext(phone);
  const studentContext = await browser.newContext(phone);
  await signUpByApi(teacherContext, "Tess Teacher");
  await signUpByApi(studentContext, "Sam Student");
  const { classId, assignmentId } = await classWithAssignment(teacherContext, "python-internals", "Python Internals");
  const slug = await joinAndOpen(teacherContext, studentContext, classId, assignmentId);

  const sam = await studentContext.newPage();
  await sam.goto(`/n/${slug}`);
  await expect(sam.getByTestId("connection-status")).toHaveText("Connected", CONNECTED);
  await pythonReady(sam);
  await answer(sam, WRONG);
  await expect(outputs(sam, "ex-identity-check")).toContainText(WRONG_FEEDBACK, { timeout: 60_000 });
  await outputs(sam, "ex-identity-check").evaluate((el) => el.scrollIntoView({ block: "end" }));
  await photograph(sam, "phone-exercise-failing");
  await openHelp(sam, "phone", true);
  await notebookCell(sam, "ex-identity-help").evaluate((el) => el.scrollIntoView({ block: "start" }));
  await photograph(sam, "phone-solution");
  // Nothing wider than the screen: not the check's message, not the solution's code.
  expect(await sam.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  const teacher = await teacherContext.newPage();
  await teacher.goto(`/classes/${classId}`);
  const samRow = teacher.locator('[data-testid="grid-row"][data-student="Sam Student"]');
  await expect(samRow).toContainText(`0 of ${CHECKS} checks passed`);
  await expect(samRow).toContainText("check 2 failed");
  expect(await teacher.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await photograph(teacher, "phone-grid");

  await teacherContext.close();
  await studentContext.close();
});
