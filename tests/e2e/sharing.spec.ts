/**
 * Sharing: a private notebook is a 404 to everyone else on every path (page, export, the owner's
 * routes, the collaboration socket); an invited editor edits, a viewer sees it read-only, and a
 * role change or removal reaches an open page within seconds.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import WebSocket from "ws";
import { signUp } from "./support/accounts";
import { E2E_URL } from "./support/env";
import { insertCell, userOrigin } from "@/lib/notebook";
import { connectClient, whenSynced } from "./support/collab-client";
import { cellIds, codeEditor } from "./support/notebook-page";

async function person(browser: Browser, name: string): Promise<{ page: Page; email: string }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  return { page, email: await signUp(page, name) };
}

async function newPrivateNotebook(page: Page): Promise<{ url: string; id: string }> {
  await page.getByRole("button", { name: "New notebook" }).first().click();
  await expect(page).toHaveURL(/\/n\//);
  await expect(page.getByTestId("connection-status")).toHaveText("Connected");
  await page.getByRole("button", { name: "Share", exact: true }).click();
  await page.getByLabel("General access").selectOption({ label: "Private: only you and the people you invite" });
  await expect(page.getByTestId("audience")).toHaveText("Private: only you and the people you invite");
  const id = await page.locator("article.notebook").getAttribute("data-notebook-id");
  return { url: page.url(), id: id! };
}

/** The status of a collaboration upgrade made with this page's cookies. */
async function socketStatus(page: Page, id: string): Promise<number> {
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  return new Promise((resolve) => {
    const ws = new WebSocket(`${E2E_URL.replace("http", "ws")}/collab/${id}`, { headers: { origin: E2E_URL, cookie } });
    ws.on("open", () => {
      ws.close();
      resolve(101);
    });
    ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    ws.on("error", () => resolve(0));
  });
}

test("another person's private notebook is a 404 on every path", async ({ browser }) => {
  test.setTimeout(90_000);
  const ada = await person(browser, "Ada");
  const grace = await person(browser, "Grace");
  const { url, id } = await newPrivateNotebook(ada.page);
  const slug = new URL(url).pathname.split("/").pop()!;
  const headers = { origin: E2E_URL, "content-type": "application/json" };
  const own = await ada.page.request.get(`${url}/state`);
  expect(own.status()).toBe(200);
  expect(own.headers()["content-type"]).toBe("application/octet-stream");

  const unknown = await grace.page.request.get(`${E2E_URL}/n/no-such-notebook`);
  const page = await grace.page.request.get(url);
  expect(page.status()).toBe(404);
  expect(unknown.status()).toBe(404);
  for (const format of ["ipynb", "py"]) expect((await grace.page.request.get(`${url}/export?format=${format}`)).status()).toBe(404);
  // The document's bytes, which the page fetches (and its owner gets).
  expect((await grace.page.request.get(`${url}/state`)).status()).toBe(404);
  expect((await grace.page.request.get(`${E2E_URL}/api/notebooks/${id}/sharing`)).status()).toBe(404);
  expect((await grace.page.request.put(`${E2E_URL}/api/notebooks/${id}/sharing`, { headers, data: { visibility: "public", linkRole: "editor" } })).status()).toBe(404);
  expect((await grace.page.request.post(`${E2E_URL}/api/notebooks/${id}/collaborators`, { headers, data: { email: grace.email, role: "editor" } })).status()).toBe(404);
  expect((await grace.page.request.patch(`${E2E_URL}/api/notebooks/${id}`, { headers, data: { title: "Mine now" } })).status()).toBe(404);
  expect((await grace.page.request.delete(`${E2E_URL}/api/notebooks/${id}`, { headers })).status()).toBe(404);
  expect((await grace.page.request.post(`${E2E_URL}/api/notebooks`, { headers, data: { from: slug } })).status()).toBe(404);
  expect(await socketStatus(grace.page, id)).toBe(404);
  // The owner's own socket opens.
  expect(await socketStatus(ada.page, id)).toBe(101);
  // A cross-site post from the owner's own browser is refused too.
  expect((await ada.page.request.patch(`${E2E_URL}/api/notebooks/${id}`, { headers: { ...headers, origin: "null" }, data: { title: "x" } })).status()).toBe(403);

  await ada.page.context().close();
  await grace.page.context().close();
});

test("an invited editor edits; made a viewer, then removed, their open page follows within seconds", async ({ browser }) => {
  test.setTimeout(120_000);
  const ada = await person(browser, "Ada");
  const grace = await person(browser, "Grace");
  const { url } = await newPrivateNotebook(ada.page);

  await ada.page.getByLabel("Email to invite").fill(grace.email);
  await ada.page.getByLabel("Role", { exact: true }).selectOption("editor");
  await ada.page.getByRole("button", { name: "Invite", exact: true }).click();
  await expect(ada.page.getByTestId("collaborators")).toContainText(grace.email);
  await expect(ada.page.getByTestId("collaborators")).toContainText("Grace");

  await grace.page.goto(url);
  await expect(grace.page.getByTestId("connection-status")).toHaveText("Connected");
  await expect(grace.page.getByTestId("participants")).toContainText("Ada");
  await expect(grace.page.getByTestId("view-only")).toHaveCount(0);

  // Made a viewer: Grace's page reloads by itself and is read-only.
  await ada.page.getByLabel(`Role of ${grace.email}`).selectOption("viewer");
  await expect(grace.page.getByTestId("view-only")).toBeVisible({ timeout: 10_000 });
  await expect(grace.page.getByRole("button", { name: "Fork to edit" })).toBeVisible();
  // Still live: she sees Ada's typing and Ada sees her there, but her own typing changes nothing.
  await expect(grace.page.getByTestId("view-only-bar")).toBeVisible();
  await expect(grace.page.getByTestId("connection-status")).toHaveText("Connected");
  await ada.page.getByRole("button", { name: "Done" }).click();
  await expect(ada.page.getByRole("dialog", { name: "Share this notebook" })).toHaveCount(0);
  const [cell] = await cellIds(ada.page);
  await codeEditor(ada.page, cell!).click();
  await ada.page.keyboard.insertText("shared = 'live'");
  await expect(codeEditor(grace.page, cell!)).toContainText("shared = 'live'");
  await expect(ada.page.getByTestId("participants")).toContainText("Grace");
  await codeEditor(grace.page, cell!).click();
  await grace.page.keyboard.insertText("# vandal");
  await grace.page.keyboard.press("Escape");
  await grace.page.keyboard.press("d");
  await grace.page.keyboard.press("d");
  await expect(codeEditor(grace.page, cell!)).not.toContainText("vandal");
  await expect(grace.page.getByTestId("cell")).toHaveCount(1);
  await expect(codeEditor(ada.page, cell!)).toHaveText("shared = 'live'");
  await expect(grace.page.getByRole("button", { name: "Run cell" })).toHaveCount(0);
  // A viewer finds, but has no replace (Ctrl-H opens find alone).
  await grace.page.keyboard.press("Control+h");
  const find = grace.page.getByRole("search", { name: "Find in notebook" });
  await find.getByLabel("Find", { exact: true }).fill("live");
  await expect(find.getByTestId("find-status")).toHaveText("1 of 1");
  await expect(find.getByLabel("Replace with")).toHaveCount(0);
  await expect(find.getByRole("button", { name: "Replace" })).toHaveCount(0);
  await grace.page.keyboard.press("Escape");
  await expect(find).toHaveCount(0);

  // Made an editor again, then removed: her open page goes to "not found".
  await ada.page.getByRole("button", { name: "Share", exact: true }).click();
  await ada.page.getByLabel(`Role of ${grace.email}`).selectOption("editor");
  // Her page reloads by itself again, editable this time.
  await expect(grace.page.getByTestId("view-only")).toHaveCount(0, { timeout: 10_000 });
  await expect(grace.page.getByTestId("view-only-bar")).toHaveCount(0);
  await expect(grace.page.getByTestId("connection-status")).toHaveText("Connected");
  await ada.page.getByRole("button", { name: `Remove ${grace.email}` }).click();
  await expect(grace.page.getByText(/not found|does not exist|no such notebook/i).first()).toBeVisible({ timeout: 10_000 });

  await ada.page.context().close();
  await grace.page.context().close();
});

test("a viewer's hand-made Yjs update, sent over their own socket, is not applied", async ({ browser }) => {
  test.setTimeout(90_000);
  const ada = await person(browser, "Ada");
  const grace = await person(browser, "Grace");
  const { id } = await newPrivateNotebook(ada.page);
  await ada.page.getByLabel("Email to invite").fill(grace.email);
  await ada.page.getByLabel("Role", { exact: true }).selectOption("viewer");
  await ada.page.getByRole("button", { name: "Invite", exact: true }).click();
  await expect(ada.page.getByTestId("collaborators")).toContainText(grace.email);
  const before = await cellIds(ada.page);

  const cookie = (await grace.page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const viewer = connectClient(E2E_URL, id, cookie);
  try {
    await whenSynced(viewer.provider);
    // Her copy of the document says the notebook is shared with her; a raw client can still try.
    insertCell(viewer.doc, { type: "code", source: "import os; os.remove('everything')" }, userOrigin("grace"));
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await cellIds(ada.page)).toEqual(before);
    await ada.page.reload();
    await expect(ada.page.getByTestId("connection-status")).toHaveText("Connected");
    expect(await cellIds(ada.page)).toEqual(before);
  } finally {
    viewer.provider.destroy();
  }
  await ada.page.context().close();
  await grace.page.context().close();
});
