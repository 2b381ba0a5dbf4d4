/**
 * A mixed pair (issue 15): Ada, signed in, comments on a notebook she shares by link; Grace, a
 * guest beside her, sees the threads (new ones pushed live) and cannot write or delete any.
 */
import { expect, test } from "@playwright/test";
import { signUp } from "./support/accounts";
import { E2E_URL } from "./support/env";
import { cellIds, joinNotebook, notebookCell } from "./support/notebook-page";

test.describe.configure({ timeout: 120_000 });

test("a guest in a mixed pair reads the notebook's comments, live, and writes none", async ({ browser }) => {
  const adaContext = await browser.newContext({ baseURL: E2E_URL });
  const ada = await adaContext.newPage();
  await signUp(ada, "Ada");
  const made = await ada.request.post("/api/notebooks", { headers: { origin: E2E_URL }, data: { title: "Shared by link" } });
  expect(made.status()).toBe(201);
  const { id, slug } = (await made.json()) as { id: string; slug: string };
  await ada.goto(`/n/${slug}`);
  await expect.poll(() => cellIds(ada)).toHaveLength(1);
  const [cell] = await cellIds(ada);
  const say = (body: string) => ada.request.post(`/api/notebooks/${id}/comments`, { headers: { origin: E2E_URL }, data: { cellId: cell, body } });
  expect((await say("Start with the loop")).status()).toBe(201);

  const grace = await joinNotebook(browser, `${E2E_URL}/n/${slug}`, "Grace");
  const thread = notebookCell(grace, cell!).getByTestId("comment-thread");
  await expect(thread).toContainText("Start with the loop");
  await expect(thread).toContainText("Ada");
  // Reading, not writing: no new thread, no reply, no resolve, no delete.
  await notebookCell(grace, cell!).hover();
  await expect(notebookCell(grace, cell!).getByRole("button", { name: "Comment on this cell" })).toHaveCount(0);
  await expect(thread.getByRole("button")).toHaveCount(0);

  // A new comment reaches the guest's page over the collaboration connection.
  expect((await say("Then print the total")).status()).toBe(201);
  await expect(notebookCell(grace, cell!).getByTestId("comment-thread")).toHaveCount(2);
  await expect(notebookCell(grace, cell!)).toContainText("Then print the total");

  await adaContext.close();
  await grace.context().close();
});
