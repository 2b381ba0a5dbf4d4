/**
 * A mixed pair (issue 15): Ada, signed in, comments on a notebook she shares by link; Grace, a
 * guest beside her, sees the threads (new ones pushed live) and cannot write or delete any, until
 * Ada lets guests reply in the Sharing dialog: then Grace's Reply box appears at once, and her
 * reply reaches Ada's page live, marked "(guest)".
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

test("a guest replies once the owner lets guests reply, and the owner sees it live, marked (guest)", async ({ browser }) => {
  const adaContext = await browser.newContext({ baseURL: E2E_URL });
  const ada = await adaContext.newPage();
  await signUp(ada, "Ada");
  const made = await ada.request.post("/api/notebooks", { headers: { origin: E2E_URL }, data: { title: "Pair with a guest" } });
  expect(made.status()).toBe(201);
  const { id, slug } = (await made.json()) as { id: string; slug: string };
  await ada.goto(`/n/${slug}`);
  await expect.poll(() => cellIds(ada)).toHaveLength(1);
  const [cell] = await cellIds(ada);
  const asked = await ada.request.post(`/api/notebooks/${id}/comments`, { headers: { origin: E2E_URL }, data: { cellId: cell, body: "What does range(3) give?" } });
  expect(asked.status()).toBe(201);

  const grace = await joinNotebook(browser, `${E2E_URL}/n/${slug}`, "Grace");
  const graceThread = notebookCell(grace, cell!).getByTestId("comment-thread");
  await expect(graceThread).toContainText("What does range(3) give?");
  const replyBox = graceThread.getByRole("textbox", { name: "Reply as Grace (guest)" });
  await expect(replyBox).toHaveCount(0);

  // Ada lets guests reply; Grace's page hears of it over the collaboration connection.
  await ada.getByRole("button", { name: "Share" }).click();
  const sharing = ada.getByRole("dialog", { name: "Share this notebook" });
  const allow = sharing.getByRole("checkbox", { name: "Guests with the link may reply to comments" });
  await expect(allow).toBeEnabled();
  await allow.check();
  await expect(allow).toBeChecked();
  await sharing.getByRole("button", { name: "Done" }).click();

  await expect(replyBox).toBeVisible();
  // Still no Resolve, and no new thread, for a guest.
  await expect(graceThread.getByRole("button", { name: "Resolve" })).toHaveCount(0);
  await replyBox.fill("0, 1 and 2");
  await graceThread.getByRole("button", { name: "Reply", exact: true }).click();
  await expect(replyBox).toHaveValue("");

  // Ada sees it without reloading, under Grace's guest name; Grace may delete her own.
  const adaReply = notebookCell(ada, cell!).getByTestId("comment-thread").getByRole("list", { name: "Replies" });
  await expect(adaReply).toContainText("Grace (guest)");
  await expect(adaReply).toContainText("0, 1 and 2");
  await expect(adaReply.getByRole("button", { name: "Delete" })).toHaveCount(0);
  await expect(graceThread.getByRole("list", { name: "Replies" }).getByRole("button", { name: "Delete" })).toHaveCount(1);

  await adaContext.close();
  await grace.context().close();
});
