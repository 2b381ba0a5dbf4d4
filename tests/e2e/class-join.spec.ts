/**
 * Joining a class (issue 16): the join link names the class and its teachers before anyone joins;
 * a member following it again is sent to the class; someone outside the class gets a class's own
 * "not here" page, not a notebook's; "New code" asks first, and once replaced the old link says
 * that no class has that code.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signUp } from "./support/accounts";
import { E2E_URL } from "./support/env";

async function person(browser: Browser, name: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: E2E_URL })).newPage();
  await signUp(page, name);
  return page;
}

test("a join link names the class and its teacher; New code asks first; outsiders get a class's own 404", async ({ browser }) => {
  test.setTimeout(120_000);
  const teacher = await person(browser, "Rae Teacher");
  await teacher.goto("/classes");
  await teacher.getByLabel("Class name").fill("Joining 101");
  await teacher.getByRole("button", { name: "Create class" }).click();
  await expect(teacher.getByRole("heading", { level: 1 })).toHaveText("Joining 101");
  const classUrl = teacher.url();
  const code = (await teacher.locator(".join-code-value").textContent())!;
  const link = `/join/${code.replace("-", "")}`;

  const student = await person(browser, "Sol Student");
  await student.goto(link);
  await expect(student.getByRole("heading", { level: 1 })).toHaveText("Join Joining 101");
  await expect(student.getByTestId("join-teachers")).toHaveText("Taught by Rae Teacher.");
  await student.getByRole("button", { name: "Join class" }).click();
  await expect(student).toHaveURL(classUrl);
  await student.goto(link);
  await expect(student.getByText("You are already in this class.")).toBeVisible();

  const outsider = await person(browser, "Oz Outsider");
  await outsider.goto(classUrl);
  await expect(outsider.getByRole("heading", { level: 1 })).toHaveText("No class here for you");

  // New code asks first; keeping it changes nothing.
  await teacher.getByRole("button", { name: "New code" }).click();
  const confirm = teacher.getByRole("group", { name: "Replace the join code" });
  await expect(confirm).toContainText("The old code and link stop working");
  await confirm.getByRole("button", { name: "Keep this code" }).click();
  await expect(teacher.locator(".join-code-value")).toHaveText(code);
  await teacher.getByRole("button", { name: "New code" }).click();
  await confirm.getByRole("button", { name: "Replace code" }).click();
  await expect(teacher.locator(".join-code-value")).not.toHaveText(code);

  await outsider.goto(link);
  await expect(outsider.getByTestId("join-problem")).toContainText(`No class has the code ${code}`);
  for (const page of [teacher, student, outsider]) await page.context().close();
});
