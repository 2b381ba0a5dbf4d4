/**
 * Locking copies at the due date (ADR 0006), in real Chromium: a teacher assigns with "Lock copies
 * at the due date" and gives one student an extension from the grid; when the assignment's due
 * instant passes, the other student's open copy turns read-only by itself (no reload by anyone)
 * and says why, while the extended student keeps writing. No Python is needed.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signUp } from "./support/accounts";
import { E2E_URL } from "./support/env";

async function person(browser: Browser, name: string, options: Parameters<Browser["newContext"]>[0] = {}): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: E2E_URL, ...options })).newPage();
  await signUp(page, name);
  return page;
}

/** Opens the assignment from the class page: the copy's page, connected; and the assignment's id. */
async function startCopy(student: Page, classUrl: string): Promise<string> {
  await student.goto(classUrl);
  const opening = student.waitForRequest((r) => /\/api\/assignments\/[^/]+\/open$/.test(r.url()));
  await student.getByRole("button", { name: "Start" }).click();
  const id = /\/api\/assignments\/([^/]+)\/open$/.exec((await opening).url())![1]!;
  await expect(student).toHaveURL(/\/n\//);
  await expect(student.getByTestId("connection-status")).toHaveAttribute("data-state", "connected");
  return id;
}

test("a copy locks at its student's due date while open, and an extended student keeps writing", async ({ browser }) => {
  test.setTimeout(120_000);
  const teacher = await person(browser, "Lena Teacher", { timezoneId: "America/New_York" });
  const ann = await person(browser, "Ann Late");
  const ben = await person(browser, "Ben Extended", { viewport: { width: 390, height: 844 } });

  // The work: a notebook of the teacher's own (a blank one: no Python needed to do it).
  await teacher.goto("/");
  await teacher.getByRole("button", { name: "New notebook" }).first().click();
  await expect(teacher).toHaveURL(/\/n\//);
  await teacher.goto("/classes");
  await teacher.getByLabel("Class name").fill("Deadlines");
  await teacher.getByRole("button", { name: "Create class" }).click();
  await expect(teacher.getByRole("heading", { level: 1 })).toHaveText("Deadlines");
  const code = (await teacher.locator(".join-code-value").textContent())!.replace("-", "");
  const classUrl = teacher.url();
  for (const student of [ann, ben]) {
    await student.goto(`/join/${code}`);
    await student.getByRole("button", { name: "Join class" }).click();
    await expect(student.getByRole("heading", { level: 1 })).toHaveText("Deadlines");
  }

  // Assign it, locking at the due date (far off for now).
  await teacher.goto(classUrl);
  await teacher.getByRole("button", { name: "Assign a notebook" }).click();
  await teacher.getByLabel("Notebook").selectOption({ label: "Untitled notebook" });
  await teacher.getByLabel("Title", { exact: true }).fill("Essay");
  await teacher.getByLabel("Due (optional)").fill("2030-01-10T09:00");
  await teacher.getByLabel("Lock copies at the due date").check();
  await teacher.getByRole("button", { name: "Assign", exact: true }).click();
  await expect(teacher.getByTestId("class-grid")).toContainText("locks then");

  const assignmentId = await startCopy(ann, classUrl);
  await startCopy(ben, classUrl);

  // Ben gets his own date, from the grid, in the teacher's zone.
  await teacher.reload();
  await teacher.getByRole("button", { name: "Extend Ben Extended's due date for Essay" }).click();
  const extend = teacher.getByRole("form", { name: "Extend Ben Extended's due date for Essay" });
  await extend.getByLabel(/Due for Ben Extended/).fill("2031-02-01T09:00");
  await extend.getByRole("button", { name: "Save" }).click();
  const benCell = teacher.locator('[data-testid="grid-row"][data-student="Ben Extended"] [data-testid="grid-cell"]');
  await expect(benCell.getByTestId("extended-to")).toContainText("Feb 1");
  // His copy's bar says his own date, live.
  await expect(ben.getByTestId("assignment-bar").getByTestId("due")).toContainText("extended to");

  // Both write before the due date.
  const annEditor = ann.getByTestId("cell").first().locator(".cm-content");
  const benEditor = ben.getByTestId("cell").first().locator(".cm-content");
  await annEditor.click();
  await ann.keyboard.insertText("answer = 41");
  await expect(annEditor).toContainText("answer = 41");

  // The teacher moves the due date to a few seconds from now (the form takes whole minutes).
  const origin = new URL(teacher.url()).origin;
  const moved = await teacher.request.patch(`${origin}/api/assignments/${assignmentId}`, {
    headers: { origin },
    data: { dueAt: new Date(Date.now() + 4_000).toISOString() },
  });
  expect(moved.status(), await moved.text()).toBe(204);

  // At the instant Ann's open page turns read-only by itself, and says so.
  await expect(ann.getByTestId("locked-at-due")).toHaveText("Locked at the due date", { timeout: 30_000 });
  await expect(ann.getByTestId("locked-note")).toBeVisible();
  // Viewer mode: the editor is read-only (it stays focusable for selecting and copying).
  await expect(annEditor).toHaveAttribute("aria-readonly", "true");
  await expect(annEditor).toContainText("answer = 41"); // what she wrote stays
  await annEditor.click();
  await ann.keyboard.insertText(" + 1");
  await expect(annEditor).not.toContainText("+ 1");
  await expect(ann.getByTestId("assignment-bar").getByRole("button", { name: "Hand in" })).toBeVisible(); // late, but she may

  // Ben, extended, still writes, and the server keeps it.
  await expect(ben.getByTestId("locked-at-due")).toHaveCount(0);
  await expect(benEditor).not.toHaveAttribute("aria-readonly", "true");
  await benEditor.click();
  await ben.keyboard.insertText("mine = 2");
  await expect(benEditor).toContainText("mine = 2");
  await expect(ben.getByTestId("connection-status")).toHaveAttribute("data-state", "connected");
  await ben.reload();
  await expect(ben.getByTestId("cell").first().locator(".cm-content")).toContainText("mine = 2");
  await expect(ben.getByTestId("cell").first().locator(".cm-content")).not.toHaveAttribute("aria-readonly", "true");

  // The teacher's grid says who is locked.
  await teacher.reload();
  await expect(teacher.locator('[data-testid="grid-row"][data-student="Ann Late"]').getByTestId("grid-locked")).toBeVisible();
  await expect(benCell.getByTestId("grid-locked")).toHaveCount(0);
});
