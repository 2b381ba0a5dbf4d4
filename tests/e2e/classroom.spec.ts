/**
 * The classroom, end to end, with a teacher and two students in browsers of their own: a class,
 * joining it by link and by code, assigning the lesson's small-int exercise (imported from the
 * lesson's file with its visible check, and a hidden check the teacher adds; the whole lesson is
 * lesson-exercises.spec.ts's, and running all of it twice here starved the other worker), one
 * copy per student even from two tabs at once, solving an exercise, running the visible checks and handing
 * in, the teacher's grid, grading with the hidden check in the teacher's browser (whose code no
 * response to the student ever holds), points per check and the teacher's own score (which the
 * student sees once the copy is returned), the teacher joining a copy live, and the other student kept
 * out of it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signUp } from "./support/accounts";
import { E2E_URL } from "./support/env";
import { cellIds, codeEditor, notebookCell } from "./support/notebook-page";

/** The lesson's cells for its small-int exercise: prompt, exercise, visible check (1 point), help. */
const EXERCISE_CELLS = ["ex-identity-prompt", "ex-identity", "ex-identity-check", "ex-identity-help"];
const LESSON_CHECKS = 1;
/** Added by the teacher, worth 3 points: its code (HIDDEN_MARK) must never reach a student. */
const HIDDEN_CHECK = "assert first_uncached - lowest_cached == 262, 'the cache holds 262 numbers'";
const HIDDEN_MARK = "first_uncached - lowest_cached";
const CHECKS = LESSON_CHECKS + 1;
const MAX_POINTS = LESSON_CHECKS + 3;

async function person(browser: Browser, name: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: E2E_URL })).newPage();
  await signUp(page, name);
  return page;
}

/** Adds a code cell at the end of the open notebook, types `code` and marks it as a check (worth `points`, if given). */
async function addCheck(page: Page, code: string, kind: "check" | "hidden", points?: number): Promise<void> {
  const before = await cellIds(page);
  await page.locator(".insert-row-always").getByRole("button", { name: "Code" }).click();
  await expect.poll(async () => (await cellIds(page)).length).toBe(before.length + 1);
  const id = (await cellIds(page)).at(-1)!;
  await codeEditor(page, id).click();
  await page.keyboard.insertText(code);
  await notebookCell(page, id).getByLabel("Check").selectOption(kind);
  await expect(notebookCell(page, id).getByTestId("check-badge")).toHaveText(kind === "hidden" ? "Hidden check" : "Check");
  if (points !== undefined) {
    const field = notebookCell(page, id).getByLabel("Points for this check");
    await expect(field).toHaveValue("1");
    await field.fill(String(points));
    await field.press("Enter");
    await expect(field).toHaveValue(String(points));
  }
}

test("a teacher assigns the lesson with checks; students work in their own copies; the teacher watches live", async ({ browser }) => {
  test.setTimeout(300_000);
  const teacher = await person(browser, "Tess Teacher");
  const ann = await person(browser, "Ann Student");
  // Everything Ann's browser receives, to search for the hidden check's code at the end.
  const annBodies: Promise<string>[] = [];
  ann.on("response", (response) => annBodies.push(response.text().catch(() => "")));
  const ben = await person(browser, "Ben Student");

  // The teacher imports the lesson's small-int exercise (its visible check comes with it) and adds
  // a hidden check for it.
  const lesson = JSON.parse(readFileSync(path.join(import.meta.dirname, "../../notebooks/python-internals.ipynb"), "utf8")) as { cells: { id: string }[] };
  const part = { ...lesson, cells: lesson.cells.filter((cell) => EXERCISE_CELLS.includes(cell.id)) };
  const imported = await teacher.request.post(`/api/notebooks/import?name=${encodeURIComponent("Small ints.ipynb")}`, {
    headers: { origin: E2E_URL, "content-type": "application/json" },
    data: JSON.stringify(part),
  });
  expect(imported.status()).toBe(201);
  await teacher.goto(`/n/${((await imported.json()) as { slug: string }).slug}`);
  await expect(teacher.getByTestId("connection-status")).toHaveText("Connected");
  await expect(teacher.getByTestId("check-badge").filter({ hasText: /^Check$/ })).toHaveCount(LESSON_CHECKS);
  // The hidden one is worth 3 points, the lesson's visible one 1 (the default): 4 in all.
  await addCheck(teacher, HIDDEN_CHECK, "hidden", 3);
  const forkSlug = new URL(teacher.url()).pathname.split("/").at(-1)!;
  const forkCells = await cellIds(teacher);

  // A class; one student joins by the link, the other by typing the code.
  await teacher.goto("/classes");
  await teacher.getByLabel("Class name").fill("Python 101");
  await teacher.getByRole("button", { name: "Create class" }).click();
  await expect(teacher.getByRole("heading", { level: 1 })).toHaveText("Python 101");
  const code = (await teacher.locator(".join-code-value").textContent())!;
  const classUrl = teacher.url();

  await ann.goto(`/join/${code.replace("-", "")}`);
  await ann.getByRole("button", { name: "Join class" }).click();
  await expect(ann.getByRole("heading", { level: 1 })).toHaveText("Python 101");
  await ben.goto("/classes");
  await ben.getByLabel("Class code").fill(code.toLowerCase());
  await ben.getByRole("button", { name: "Join class" }).click();
  await expect(ben.getByRole("heading", { level: 1 })).toHaveText("Python 101");

  await teacher.reload();
  await expect(teacher.getByTestId("roster-member")).toHaveCount(3);

  // Assign the fork.
  await teacher.getByRole("button", { name: "Assign a notebook" }).click();
  await teacher.getByLabel("Notebook").selectOption(forkSlug);
  await teacher.getByLabel("Title").fill("Small ints");
  await teacher.getByLabel("Instructions").fill("Finish the small-int exercise, then run the checks.");
  await teacher.getByRole("button", { name: "Assign", exact: true }).click();
  await expect(teacher.getByTestId("grid-cell")).toHaveCount(2);
  await expect(teacher.getByTestId("grid-cell").first()).toContainText("Not started");

  // Ann opens the assignment in two tabs at once: one copy.
  await ann.reload();
  const annTab2 = await ann.context().newPage();
  await annTab2.goto(ann.url());
  await Promise.all([ann.getByRole("button", { name: "Start" }).click(), annTab2.getByRole("button", { name: "Start" }).click()]);
  await expect(ann).toHaveURL(/\/n\//);
  await expect(annTab2).toHaveURL(/\/n\//);
  expect(annTab2.url()).toBe(ann.url());
  await annTab2.close();
  const annCopy = ann.url();
  await ben.reload();
  await ben.getByRole("button", { name: "Start" }).click();
  await expect(ben).toHaveURL(/\/n\//);
  expect(ben.url()).not.toBe(annCopy);
  // His classes page lists what he has to do, across classes.
  await ben.goto("/classes");
  await expect(ben.getByTestId("my-assignment")).toContainText("Small ints");
  await expect(ben.getByTestId("my-assignment").getByTestId("status")).toHaveText("In progress");

  // Ann's copy: the checks are locked, the hidden one's code is nowhere on her page.
  await expect(ann.getByTestId("assignment-bar")).toContainText("Finish the small-int exercise");
  await expect(ann.getByTestId("hidden-check")).toBeVisible();
  expect(await ann.content()).not.toContain(HIDDEN_MARK);
  await expect(ann.getByTestId("check-panel")).toContainText(`0 of ${CHECKS} checks passed`);

  // She does the small-int exercise (and only that one), runs the checks and hands in.
  const exercise = notebookCell(ann, "ex-identity");
  await exercise.scrollIntoViewIfNeeded();
  await exercise.locator(".cm-content").click();
  await ann.keyboard.press("Control+End");
  await ann.keyboard.insertText("\nlowest_cached = next(n for n in range(0, -21, -1) if not is_cached(n)) + 1");
  await expect(ann.getByTestId("kernel-status")).toHaveAttribute("data-phase", "idle", { timeout: 60_000 });
  // Her own run covers the visible check only (it passes): the hidden one waits for the teacher's Grade.
  await ann.getByRole("button", { name: "Run checks" }).click();
  await expect(ann.getByTestId("check-panel")).toContainText(`1 of ${CHECKS} checks passed`, { timeout: 120_000 });
  await expect(notebookCell(ann, "ex-identity-check").getByTestId("cell-outputs")).toContainText("Right: the cache runs from -5 to 256");
  // She hands in once the run has finished (outputs written after the hand-in would count as
  // changes since).
  await expect(ann.getByRole("button", { name: "Run checks" })).toBeEnabled({ timeout: 120_000 });
  await expect(ann.getByTestId("check-panel")).toContainText("Hidden checks run when your teacher grades.");
  // The teacher's grid is open when she hands in: it changes live, without a reload.
  await teacher.goto(classUrl);
  const annRow = teacher.locator('[data-testid="grid-row"][data-student="Ann Student"]');
  await expect(annRow).toContainText("In progress");
  await ann.getByRole("button", { name: "Hand in" }).click();
  await expect(ann.getByTestId("assignment-bar").getByTestId("status")).toContainText("Handed in");
  await expect(annRow).toContainText("Handed in", { timeout: 5_000 });
  await expect(teacher.getByTestId("grid-counts")).toHaveText("1 handed in · 1 in progress");
  await expect(annRow).toContainText(`1 of ${CHECKS} checks passed`);
  // Grade: the teacher's browser runs Ann's hand-in with the hidden check, in a Python of its own.
  await teacher.getByRole("button", { name: "Grade the hand-ins of Small ints" }).click();
  await expect(teacher.getByTestId("grade-result")).toHaveText("Graded 1 hand-in.", { timeout: 120_000 });
  // Passed: the exercise's own check (1 point) and the hidden one (3).
  await expect(annRow).toContainText(`Graded 2/${CHECKS}`);
  await expect(annRow.getByTestId("score")).toHaveText(`4 / ${MAX_POINTS} points`);
  // The teacher gives Ann a score of her own, overriding the grade's points.
  await annRow.getByRole("button", { name: "Score Ann Student's copy of Small ints" }).click();
  await annRow.getByLabel(/Score for Ann Student/).fill("3.5");
  await annRow.getByLabel("Note (optional)").fill("Half a point off: say why -5.");
  await annRow.getByRole("button", { name: "Save" }).click();
  await expect(annRow.getByTestId("score")).toHaveText(`3.5 / ${MAX_POINTS} points (set by teacher): Half a point off: say why -5.`);
  // The gradebook's CSV has a row per student with that grade.
  const csv = await (await teacher.request.get(`/api/classes/${classUrl.split("/").at(-1)}/gradebook`)).text();
  expect(csv.split("\r\n")[0]).toBe('Student,Email,Small ints: status,Small ints: grade,Small ints: points,Small ints: out of,Small ints: handed in (UTC)');
  // 2 of the 7 checks passed (the exercise's and the hidden one), 3.5 points of 9.
  expect(csv).toMatch(new RegExp(`\\r\\nAnn Student,ann-student-[^,]+,Handed in,2/${CHECKS},3\\.5,${MAX_POINTS},\\d{4}-\\d\\d-\\d\\dT`));
  expect(csv).toMatch(new RegExp(`\\r\\nBen Student,ben-student-[^,]+,In progress,,,${MAX_POINTS},\\r\\n`));
  await expect(teacher.getByRole("link", { name: "Download grades (CSV)" })).toBeVisible();
  // Handing in saved a version: what the teacher grades, whatever happens to the copy after.
  await expect(annRow.getByTestId("handed-in-version")).toHaveText("As handed in");
  const benRow = teacher.locator('[data-testid="grid-row"][data-student="Ben Student"]');
  await expect(benRow).toContainText("In progress");
  await expect(benRow).toContainText(`0 of ${CHECKS} checks passed`);

  // The teacher steps into Ann's copy: Ann sees her there; her typing and her runs reach the teacher live.
  await annRow.getByRole("link", { name: /Open Ann Student's copy/ }).click();
  await expect(teacher).toHaveURL(annCopy);
  await expect(teacher.getByTestId("copy-owner")).toHaveText("Ann Student's copy");
  // The next student's copy is one link away; a student's own page has no such links.
  await expect(teacher.getByRole("navigation", { name: "Other students' copies" }).getByRole("link")).toHaveText("Ben Student →");
  await expect(ann.getByRole("navigation", { name: "Other students' copies" })).toHaveCount(0);
  await expect(teacher.getByTestId("connection-status")).toHaveText("Connected");
  await expect(ann.getByTestId("participant-teacher")).toBeVisible();
  // The copy keeps the fork's cells (and their ids).
  expect(await cellIds(ann)).toEqual(forkCells);
  const firstCode = ann.locator('[data-testid="cell"][data-cell-type="code"]').first();
  const codeId = (await firstCode.getAttribute("data-cell-id"))!;
  // Below the lesson's long introduction: its editor mounts once it is near the screen.
  await firstCode.scrollIntoViewIfNeeded();
  await codeEditor(ann, codeId).click();
  await ann.keyboard.press("Control+a");
  await ann.keyboard.insertText("print('hello, teacher')");
  await ann.keyboard.press("Control+Enter");
  await notebookCell(teacher, codeId).scrollIntoViewIfNeeded();
  await expect(notebookCell(teacher, codeId).getByTestId("cell-outputs")).toContainText("hello, teacher", { timeout: 60_000 });
  await expect(notebookCell(teacher, codeId).locator(".cm-content")).toContainText("hello, teacher");

  // The teacher comments on line 1 of that cell; Ann is shown the new comment.
  const teacherCell = notebookCell(teacher, codeId);
  await teacherCell.hover();
  await teacherCell.getByRole("button", { name: "Comment on this cell" }).click();
  await teacherCell.getByLabel("Comment", { exact: true }).fill("Try printing the list, not the string.");
  await teacherCell.getByLabel("Line").fill("1");
  await teacherCell.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(teacherCell.getByTestId("comment-body")).toHaveText("Try printing the list, not the string.");
  // Pushed over the collaboration connection: well before the page's slow fallback check (60 s).
  await expect(ann.getByTestId("comments-banner")).toContainText("1 new comment");
  const annThread = notebookCell(ann, codeId).getByTestId("comment-thread");
  await expect(annThread).toContainText("Try printing the list, not the string.");
  await expect(annThread).toContainText("Tess Teacher");
  await expect(annThread.getByTestId("new-comment-badge")).toBeVisible();

  // Ann changed her copy after handing it in: the teacher is told, and sees how against the hand-in.
  await teacher.reload();
  await teacher.getByTestId("assignment-bar").getByTestId("changed-since-hand-in").click();
  // The version's name is the page's heading (the lesson's own "# Python Internals" may show in the diff too).
  await expect(teacher.getByRole("heading", { level: 1, name: "Handed in" })).toBeVisible();
  await expect(teacher.getByTestId("version-diff")).toContainText("hello, teacher");
  await teacher.goto(annCopy);
  await expect(teacher.getByTestId("connection-status")).toHaveText("Connected");

  // Ben reaches neither Ann's copy nor anything of it: not the page, its comments or its hidden checks.
  expect((await ben.goto(annCopy))?.status()).toBe(404);
  const annCopyId = (await ann.locator("article.notebook").getAttribute("data-notebook-id"))!;
  const comments = await ben.request.get(`/api/notebooks/${annCopyId}/comments`);
  expect(comments.status()).toBe(404);
  expect(await comments.text()).not.toContain("printing the list");
  const hidden = await ben.request.get(`/api/notebooks/${annCopyId}/hidden-checks`);
  expect(hidden.status()).toBe(404);
  expect(await hidden.text()).not.toContain(HIDDEN_MARK);

  // Ann can read the hidden check neither from the route nor from anything her browser was sent.
  const own = await ann.request.get(`/api/notebooks/${annCopyId}/hidden-checks`);
  expect(own.status()).toBe(404);
  for (const body of await Promise.all(annBodies)) expect(body).not.toContain(HIDDEN_MARK);

  // The teacher returns it with a note; Ann sees it on her open page at once, without reloading,
  // with her score (not shown to her before the return).
  await expect(ann.getByTestId("assignment-bar").getByTestId("score")).toHaveCount(0);
  await teacher.getByRole("button", { name: "Return" }).click();
  await teacher.getByLabel("Note to the student").fill("Nicely found: -5 is where the cache starts.");
  await teacher.getByRole("button", { name: "Return with note" }).click();
  await expect(teacher.getByTestId("assignment-bar").getByTestId("status")).toContainText("Returned");
  await expect(ann.getByTestId("return-note")).toContainText("Nicely found", { timeout: 5_000 });
  await expect(ann.getByTestId("assignment-bar").getByTestId("status")).toContainText("Returned");
  await expect(ann.getByTestId("assignment-bar").getByTestId("score")).toHaveText(`Score: 3.5 / ${MAX_POINTS} points (set by teacher): Half a point off: say why -5.`);

  for (const page of [teacher, ann, ben]) await page.context().close();
});
