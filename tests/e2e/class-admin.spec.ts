/**
 * Running a course from the class page, in real Chromium, with a teacher (in New York) and a
 * student: the teacher edits an assignment's title and due date and the student's open list
 * follows live; the teacher closes and reopens hand-ins; the student leaves, keeping their copy; the
 * class is archived and restored; the teacher deletes the assignment and the
 * class, asked first each time. Also at phone size: the student's page fits the screen.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signUp } from "./support/accounts";
import { E2E_URL } from "./support/env";

async function person(browser: Browser, name: string, options: Parameters<Browser["newContext"]>[0] = {}): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: E2E_URL, ...options })).newPage();
  await signUp(page, name);
  return page;
}

test("a teacher edits and deletes an assignment and the class; a student leaves and keeps their copy", async ({ browser }) => {
  test.setTimeout(180_000);
  const teacher = await person(browser, "Tina Teacher", { timezoneId: "America/New_York" });
  const sam = await person(browser, "Sam Student", { viewport: { width: 390, height: 844 }, timezoneId: "America/Los_Angeles" });

  await teacher.goto("/classes");
  await teacher.getByLabel("Class name").fill("Data 1");
  await teacher.getByRole("button", { name: "Create class" }).click();
  await expect(teacher.getByRole("heading", { level: 1 })).toHaveText("Data 1");
  const code = (await teacher.locator(".join-code-value").textContent())!;
  const classUrl = teacher.url();
  await sam.goto(`/join/${code.replace("-", "")}`);
  await sam.getByRole("button", { name: "Join class" }).click();
  await expect(sam.getByRole("heading", { level: 1 })).toHaveText("Data 1");

  // The class page is live: the student's joining shows on the teacher's roster without a reload.
  await expect(teacher.getByTestId("roster-member")).toHaveCount(2);

  // Rename the class.
  await teacher.getByRole("button", { name: "Rename" }).click();
  await teacher.getByLabel("Class name").fill("Data 101");
  await teacher.getByRole("button", { name: "Save" }).click();
  await expect(teacher.getByRole("heading", { level: 1 })).toHaveText("Data 101");
  await expect(sam.getByRole("heading", { level: 1 })).toHaveText("Data 101");

  // A new code, keeping the old one for a week: both are on the page, and the old link still opens the class.
  await teacher.getByRole("button", { name: "New code" }).click();
  await teacher.getByRole("button", { name: "Replace, keep old for a week" }).click();
  await expect(teacher.getByTestId("previous-code")).toContainText(code);
  await expect(teacher.locator(".join-code-value")).not.toHaveText(code);
  await sam.goto(`/join/${code.replace("-", "")}`);
  await expect(sam.getByText("Data 101").first()).toBeVisible();
  await sam.goto(classUrl);

  // Assign a lesson, then edit it: the student's open list follows.
  await teacher.getByRole("button", { name: "Assign a notebook" }).click();
  await teacher.getByLabel("Notebook").selectOption({ label: "Python Internals" });
  await teacher.getByLabel("Title").fill("Objets");
  await teacher.getByRole("button", { name: "Assign", exact: true }).click();
  await expect(sam.getByTestId("assignment-item")).toContainText("Objets");
  await teacher.getByRole("button", { name: "Edit Objets" }).click();
  const form = teacher.getByRole("form", { name: "Edit Objets" });
  await form.getByLabel("Title").fill("Objects");
  await form.getByLabel(/Due/).fill("2030-03-14T17:00");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(teacher.getByTestId("class-grid")).toContainText("Objects");
  // 17:00 in New York is 14:00 in Los Angeles.
  await expect(sam.getByTestId("assignment-item")).toContainText("Objects");
  await expect(sam.getByTestId("assignment-item")).toContainText("2:00");
  expect(await sam.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // Sam starts it. The teacher closes hand-ins: his list says so at once, and his copy offers no Hand in.
  await sam.getByRole("button", { name: "Start" }).click();
  await expect(sam).toHaveURL(/\/n\//);
  await expect(sam.getByTestId("assignment-bar").getByRole("button", { name: "Hand in" })).toBeVisible();
  await expect(sam.getByTestId("connection-status")).toHaveAttribute("data-state", "connected");
  await teacher.getByRole("button", { name: "Close hand-ins of Objects" }).click();
  await expect(teacher.getByTestId("grid-closed")).toHaveText("Hand-ins closed");
  await expect(sam.getByTestId("hand-ins-closed")).toBeVisible(); // live, over the copy's connection
  await expect(sam.getByTestId("assignment-bar").getByRole("button", { name: "Hand in" })).toHaveCount(0);
  await teacher.getByRole("button", { name: "Reopen hand-ins of Objects" }).click();
  await expect(teacher.getByTestId("grid-closed")).toHaveCount(0);

  // Sam leaves the class: asked first; the copy stays in his library.
  await sam.goto(classUrl);
  await sam.getByRole("button", { name: "Leave the class" }).click();
  await sam.getByRole("button", { name: "Leave", exact: true }).click();
  await expect(sam).toHaveURL(/\/classes$/);
  await sam.goto("/library");
  await expect(sam.getByText("Objects").first()).toBeVisible();
  await expect(teacher.getByTestId("roster-member")).toHaveCount(1);

  // Archive: the page says so and the class moves to "Archived" in the list; then restore it.
  await teacher.getByRole("button", { name: "Archive class" }).click();
  await expect(teacher.getByTestId("class-archived")).toBeVisible();
  await teacher.goto("/classes");
  await expect(teacher.getByTestId("archived-list")).toContainText("Data 101");
  await teacher.goto(classUrl);
  await teacher.getByRole("button", { name: "Restore class" }).click();
  await expect(teacher.getByTestId("class-archived")).toHaveCount(0);

  // Delete the assignment, then the class: each asks first.
  await teacher.getByRole("button", { name: "Delete Objects" }).click();
  await teacher.getByRole("button", { name: "Delete assignment" }).click();
  await expect(teacher.getByTestId("class-grid")).toHaveCount(0);
  await teacher.getByRole("button", { name: "Delete the class" }).click();
  await teacher.getByRole("button", { name: "Delete class", exact: true }).click();
  await expect(teacher).toHaveURL(/\/classes$/);
  expect((await teacher.goto(classUrl))?.status()).toBe(404);

  for (const page of [teacher, sam]) await page.context().close();
});
