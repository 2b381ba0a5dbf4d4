/**
 * Embeds on somebody else's site: a plain HTML page served from another origin (its own port)
 * loads /embed.js with cells of a link-shared notebook, two of them sharing one Python, and one of
 * a private notebook. The reader runs, edits, reloads, resets; the frame's height follows its
 * output; the private one says it is not available; oEmbed answers for the one and not the other;
 * and no embed response sets a cookie.
 */
import { createServer, type Server } from "node:http";
import { expect, test, type FrameLocator, type Page } from "@playwright/test";
import { makeLinkViewOnly, signUp } from "./support/accounts";
import { E2E_URL } from "./support/env";

const code = (id: string, source: string, outputs: unknown[] = []) => ({ id, cell_type: "code", metadata: {}, execution_count: outputs.length ? 1 : null, outputs, source });
const notebook = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {},
  cells: [
    { id: "intro", cell_type: "markdown", metadata: {}, source: "# Doubling" },
    code("double", "x = 21\nprint(x * 2)", [{ output_type: "stream", name: "stdout", text: "42\n" }]),
    code("shared-a", "shared_value = 7"),
    code("shared-b", "print(shared_value * 6)"),
    // Someone's stored HTML output, with a script that tries to reach the page around it.
    code("html", "Evil()", [
      {
        output_type: "display_data",
        metadata: {},
        data: {
          "text/html":
            '<b id="hello">bold words</b><script>document.getElementById("hello").dataset.ran = "yes"; try { parent.document.body.dataset.pwned = "yes"; } catch (e) { document.body.dataset.reach = "blocked"; } try { top.document.title = "pwned"; } catch (e) {}</script>',
        },
      },
    ]),
  ],
};

/** Imports the notebook as `page`'s person; made view-only by link unless asked not to (an embed needs that). */
async function importAs(page: Page, title: string, { viewOnly = true } = {}): Promise<{ id: string; slug: string }> {
  const response = await page.request.post(`/api/notebooks/import?name=${encodeURIComponent(`${title}.ipynb`)}`, {
    headers: { "content-type": "application/x-ipynb+json", origin: E2E_URL },
    data: JSON.stringify(notebook),
  });
  expect(response.status()).toBe(201);
  const made = (await response.json()) as { id: string; slug: string };
  if (viewOnly) await makeLinkViewOnly(page, made.id);
  return made;
}

function hostPage(open: string, secret: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>My blog</title></head><body>
<h1>A post about doubling</h1>
<div id="first" data-tandem-notebook="${open}" data-tandem-cell="double"></div>
<p>Between the cells.</p>
<div id="a" data-tandem-notebook="${open}" data-tandem-cell="shared-a" data-tandem-kernel="shared"></div>
<div id="b" data-tandem-notebook="${open}" data-tandem-cell="shared-b" data-tandem-kernel="shared"></div>
<div id="secret" data-tandem-notebook="${secret}" data-tandem-cell="double"></div>
<div id="whole" data-tandem-notebook="${open}"></div>
<div id="html" data-tandem-notebook="${open}" data-tandem-cell="html"></div>
<script src="${E2E_URL}/embed.js" async></script>
</body></html>`;
}

const frame = (page: Page, id: string): FrameLocator => page.frameLocator(`#${id} iframe`);
const frameHeight = (page: Page, id: string) => page.locator(`#${id} iframe`).evaluate((el) => el.getBoundingClientRect().height);

/** "Another site": a plain HTTP server on a port of its own (so another origin), serving `html`. */
let server: Server;
let html = "";
let HOST = "";

test.beforeAll(async () => {
  server = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  HOST = `http://localhost:${typeof address === "object" && address ? address.port : 0}`;
});
test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

test("cells embedded on another site run, keep the reader's edits, reset, size themselves and share a kernel on request", async ({ browser }) => {
  test.setTimeout(240_000);
  const author = await (await browser.newContext({ baseURL: E2E_URL })).newPage();
  await signUp(author, "Ada Author");
  const open = await importAs(author, "Doubling");
  const secret = await importAs(author, "Secret");
  const shared = await author.request.put(`/api/notebooks/${secret.id}/sharing`, { headers: { origin: E2E_URL }, data: { visibility: "private", linkRole: "editor" } });
  expect(shared.status()).toBe(204);
  html = hostPage(open.slug, secret.slug);

  // The reader: a plain visitor of the blog, in a browser of their own.
  const reader = await (await browser.newContext()).newPage();
  await reader.goto(HOST);
  const first = frame(reader, "first");
  await expect(first.getByTestId("embed-cell")).toHaveCount(1);
  await expect(first.getByTestId("cell-outputs")).toContainText("42");
  await expect(first.getByTestId("embed-kernel")).toHaveText("Python loads when you run a cell");
  await expect(frame(reader, "secret").getByTestId("embed-unavailable")).toContainText("This notebook is not available");
  // The whole notebook: its markdown rendered, its four cells in order.
  await reader.locator("#whole").scrollIntoViewIfNeeded();
  await expect(frame(reader, "whole").getByRole("heading", { name: "Doubling", level: 1 })).toBeVisible();
  await expect(frame(reader, "whole").getByTestId("embed-cell")).toHaveCount(4);
  // A stored HTML output runs in its own sandbox inside the embed: neither the embed nor the blog is in reach.
  await reader.locator("#html").scrollIntoViewIfNeeded();
  const output = frame(reader, "html").locator("iframe.output-frame");
  await expect(output).toHaveAttribute("sandbox", "allow-scripts");
  await expect(output.contentFrame().locator("#hello")).toHaveAttribute("data-ran", "yes");
  await expect(output.contentFrame().locator("body")).toHaveAttribute("data-reach", "blocked");
  expect(await reader.title()).toBe("My blog");
  expect(await reader.evaluate(() => document.body.dataset.pwned)).toBeUndefined();

  // Run it as it is; then edit it into a long output, and the frame grows with it.
  await first.getByRole("button", { name: "Run" }).click();
  await expect(first.getByTestId("run-by")).toContainText("You", { timeout: 90_000 });
  await expect(first.getByTestId("cell-outputs")).toContainText("42");
  const before = await frameHeight(reader, "first");
  await first.locator(".cm-content").click();
  await reader.keyboard.press("Control+a");
  await reader.keyboard.insertText("for i in range(20):\n    print('line', i)");
  await reader.keyboard.press("Shift+Enter");
  await expect(first.getByTestId("cell-outputs")).toContainText("line 19", { timeout: 30_000 });
  await expect.poll(() => frameHeight(reader, "first")).toBeGreaterThan(before + 150);

  // Two cells asked to share a kernel: a variable set in one is there in the other.
  await frame(reader, "a").getByRole("button", { name: "Run" }).click();
  await expect(frame(reader, "a").getByTestId("run-by")).toContainText("You", { timeout: 90_000 });
  await frame(reader, "b").getByRole("button", { name: "Run" }).click();
  await expect(frame(reader, "b").getByTestId("cell-outputs")).toContainText("42", { timeout: 60_000 });

  // The edit is the reader's, kept across a reload; "Reset to original" brings the notebook's back.
  await reader.reload();
  const again = frame(reader, "first");
  await expect(again.locator(".cm-content")).toContainText("print('line', i)");
  await expect(again.getByText("edited by you")).toBeVisible();
  await again.getByRole("button", { name: "Reset to original" }).click();
  await expect(again.locator(".cm-content")).toHaveText("x = 21print(x * 2)");
  await reader.reload();
  await expect(frame(reader, "first").locator(".cm-content")).toHaveText("x = 21print(x * 2)");

  // The embed's own responses set no cookie; the author's notebook is untouched by the reader.
  const page = await reader.request.get(`${E2E_URL}/embed/${open.slug}?cell=double`);
  expect(page.status()).toBe(200);
  expect(page.headers()["set-cookie"]).toBeUndefined();
  expect(page.headers()["content-security-policy"]).toContain("frame-ancestors *");
  const hidden = await reader.request.get(`${E2E_URL}/embed/${secret.slug}?cell=double`);
  expect(hidden.status()).toBe(404);
  expect(hidden.headers()["set-cookie"]).toBeUndefined();
  const script = await reader.request.get(`${E2E_URL}/embed.js`);
  expect(script.headers()["cross-origin-resource-policy"]).toBe("cross-origin");
  expect(script.headers()["set-cookie"]).toBeUndefined();

  // oEmbed: valid JSON for the open cell, 404 for the private one.
  const oembed = await reader.request.get(`${E2E_URL}/api/oembed?url=${encodeURIComponent(`${E2E_URL}/n/${open.slug}?cell=double`)}&format=json`);
  expect(oembed.status()).toBe(200);
  const json = (await oembed.json()) as Record<string, unknown>;
  expect(json).toMatchObject({ version: "1.0", type: "rich", provider_name: "Tandem" });
  expect(String(json.html)).toContain(`/embed/${open.slug}?cell=double`);
  const refused = await reader.request.get(`${E2E_URL}/api/oembed?url=${encodeURIComponent(`${E2E_URL}/n/${secret.slug}?cell=double`)}&format=json`);
  expect(refused.status()).toBe(404);

  // The notebook page says where its oEmbed is.
  await author.goto(`/n/${open.slug}`);
  await expect(author.locator('link[rel="alternate"][type="application/json+oembed"]')).toHaveAttribute("href", /\/api\/oembed\?url=/);

  await author.context().close();
  await reader.context().close();
});

test("the notebook's Embed dialog gives a script tag and an iframe for a cell, a range or the whole notebook", async ({ browser }) => {
  const author = await (await browser.newContext({ baseURL: E2E_URL })).newPage();
  await signUp(author, "Ada Author");
  // Shared as new notebooks are, anyone with the link editing: not embeddable until view-only.
  const open = await importAs(author, "Doubling", { viewOnly: false });
  expect((await author.request.get(`/embed/${open.slug}`)).status()).toBe(404);
  await author.goto(`/n/${open.slug}`);
  await expect(author.getByTestId("connection-status")).toHaveText("Connected");
  await author.getByTestId("notebook-bar").getByRole("button", { name: "Embed" }).click();
  const warning = author.getByTestId("embed-unavailable");
  await expect(warning).toContainText("Anyone with this notebook's link can edit it");
  await author.getByRole("button", { name: "Make the link view-only" }).click();
  await expect(author.getByTestId("embed-dialog").getByTestId("embed-script-snippet")).toBeVisible();
  await expect(author.getByText("Anyone with the link can view")).toBeVisible();
  await author.keyboard.press("Escape");
  expect((await author.request.get(`/embed/${open.slug}`)).status()).toBe(200);

  // From the cell's toolbar: that cell.
  const cell = author.locator('[data-testid="cell"][data-cell-id="double"]');
  await cell.click({ position: { x: 5, y: 5 } });
  await cell.getByRole("button", { name: "Embed this cell on another site" }).click();
  const dialog = author.getByTestId("embed-dialog");
  await expect(dialog.getByTestId("embed-script-snippet")).toHaveValue(new RegExp(`data-tandem-notebook="${open.slug}" data-tandem-cell="double"`));
  await expect(dialog.getByTestId("embed-iframe-snippet")).toHaveValue(new RegExp(`src="${E2E_URL}/embed/${open.slug}\\?cell=double"`));
  await author.keyboard.press("Escape");

  // From the bar: the whole notebook.
  await author.getByTestId("notebook-bar").getByRole("button", { name: "Embed" }).click();
  await dialog.getByLabel("The whole notebook").check();
  await expect(dialog.getByTestId("embed-iframe-snippet")).toHaveValue(new RegExp(`src="${E2E_URL}/embed/${open.slug}"`));
  await author.context().close();
});

test("a reader stops an endless loop (Python restarts, and says so), then opens the cell in Tandem with their edit", async ({ browser }) => {
  test.setTimeout(180_000);
  const author = await (await browser.newContext({ baseURL: E2E_URL })).newPage();
  await signUp(author, "Ada Author");
  const open = await importAs(author, "Doubling");
  html = hostPage(open.slug, open.slug);
  await author.context().close();

  const context = await browser.newContext();
  const reader = await context.newPage();
  await reader.goto(HOST);
  const first = frame(reader, "first");
  await first.locator(".cm-content").click();
  await reader.keyboard.press("Control+a");
  await reader.keyboard.insertText("while True:\n    pass");
  await first.getByRole("button", { name: "Run" }).click();
  await expect(first.getByRole("button", { name: "Stop" })).toBeVisible({ timeout: 90_000 });
  await expect(first.getByTestId("embed-kernel")).toHaveAttribute("data-phase", "busy", { timeout: 90_000 });
  await first.getByRole("button", { name: "Stop" }).click();
  // The blog is not cross-origin isolated, so there is no interrupt: Python restarts, and says so.
  await expect(first.getByTestId("embed-kernel")).toContainText("restarted", { timeout: 60_000 });
  await expect(first.getByRole("button", { name: "Run" })).toBeEnabled();

  // Open in Tandem: a new tab on Tandem, sign up, fork; the copy has the reader's edit.
  await first.locator(".cm-content").click();
  await reader.keyboard.press("Control+a");
  await reader.keyboard.insertText("print('mine now')");
  const [tab] = await Promise.all([context.waitForEvent("page"), first.getByTestId("open-in-tandem").click()]);
  await expect(tab).toHaveURL(new RegExp(`/n/${open.slug}/fork#edits=`));
  await expect(tab.getByRole("link", { name: "Sign in to fork" })).toBeVisible();
  await signUp(tab, "Rita Reader");
  await tab.goto(`${E2E_URL}/n/${open.slug}/fork`);
  await expect(tab.getByText("keeps the cell you edited")).toBeVisible();
  await tab.getByRole("button", { name: "Fork into my library" }).click();
  // A fork is titled "… (copy)", so its address says so too.
  await expect(tab).toHaveURL(/\/n\/doubling-copy-[a-z0-9]+$/);
  expect(tab.url()).not.toContain(open.slug);
  await expect(tab.locator('[data-testid="cell"][data-cell-id="double"] .cm-content')).toHaveText("print('mine now')");
  await expect(tab.getByTestId("notebook-provenance")).toContainText("forked from");
  await context.close();
});
