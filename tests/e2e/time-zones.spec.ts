/**
 * One deadline, three time zones (issue 16): a teacher in New York enters "5:00 PM" on 14 January;
 * students in Los Angeles and Berlin each read it in their own zone, named, on their class page,
 * their classes page and their copy's assignment bar, from the first render on. The assignment is
 * listed on the teacher's class page before anyone has joined.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signUp } from "./support/accounts";
import { E2E_URL } from "./support/env";

async function person(browser: Browser, name: string, timezoneId: string, locale: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: E2E_URL, timezoneId, locale })).newPage();
  await signUp(page, name);
  return page;
}

/** "due Thu, Jan 14, 2:00 PM PST (in 38 days)": the time, its zone, then how far away. */
const due = (text: string) => new RegExp(`due ${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\((in|\\d).*\\)`);

test("a deadline reads in each viewer's own zone, named; an assignment is listed before anyone joins", async ({ browser }) => {
  test.setTimeout(180_000);
  const teacher = await person(browser, "Nia New York", "America/New_York", "en-US");
  await teacher.goto("/classes");
  await teacher.getByLabel("Class name").fill("Zones 101");
  await teacher.getByRole("button", { name: "Create class" }).click();
  await expect(teacher.getByRole("heading", { level: 1 })).toHaveText("Zones 101");
  const code = (await teacher.locator(".join-code-value").textContent())!;

  // Assigned with no students yet: the assignment shows, its deadline in New York time.
  await teacher.getByRole("button", { name: "Assign a notebook" }).click();
  await teacher.getByLabel("Title").fill("Loops");
  await teacher.getByLabel("Due (optional)").fill("2027-01-14T17:00");
  await teacher.getByRole("button", { name: "Assign", exact: true }).click();
  await expect(teacher.getByTestId("grid-no-students")).toBeVisible();
  await expect(teacher.getByTestId("class-grid")).toContainText("Loops");
  await expect(teacher.getByTestId("class-grid")).toContainText("due Thu, Jan 14, 5:00 PM EST");

  const students = [
    { name: "Lee Los Angeles", zone: "America/Los_Angeles", locale: "en-US", reads: "Thu, Jan 14, 2:00 PM PST" },
    // A German browser reads an English page's times in British English: 24 hours, day first.
    { name: "Bea Berlin", zone: "Europe/Berlin", locale: "de-DE", reads: "Thu 14 Jan, 23:00 CET" },
  ];
  for (const student of students) {
    const page = await person(browser, student.name, student.zone, student.locale);
    await page.goto("/classes");
    await page.getByLabel("Class code").fill(code);
    await page.getByRole("button", { name: "Join class" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Zones 101");
    await expect(page.getByTestId("assignment-item")).toContainText(due(student.reads));
    // The server renders it in this zone too, once the browser has named it (a cookie).
    const served = await (await page.request.get(page.url())).text();
    expect(served).toContain(student.reads);
    await page.getByRole("button", { name: "Start" }).click();
    await expect(page).toHaveURL(/\/n\//);
    await expect(page.getByTestId("assignment-bar")).toContainText(due(student.reads));
    await page.context().close();
  }

  // The students are on the grid now, and the deadline still reads in New York time.
  await teacher.reload();
  await expect(teacher.getByTestId("grid-cell")).toHaveCount(2);
  await expect(teacher.getByTestId("class-grid")).toContainText("due Thu, Jan 14, 5:00 PM EST");
  await teacher.context().close();
});
