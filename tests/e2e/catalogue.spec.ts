import { expect, test } from "@playwright/test";

test("the home page lists the seeded lessons and opens one", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Learn Python together" })).toBeVisible();
  const lessons = page.getByTestId("lesson-list");
  const card = lessons.getByRole("link", { name: /Python Internals/ });
  await expect(card).toBeVisible();
  await expect(card).toContainText(/\d+ cells/);
  await expect(card).toContainText("advanced");
  await card.click();
  await expect(page).toHaveURL(/\/n\/python-internals$/);
  await expect(page.getByRole("heading", { level: 1, name: "Python Internals" }).first()).toBeVisible();
});

test("an unknown notebook is a 404 page", async ({ page }) => {
  const response = await page.goto("/n/no-such-notebook");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});

test("pages are cross-origin isolated, ready for the Python kernel", async ({ page }) => {
  await page.goto("/");
  expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true);
});
