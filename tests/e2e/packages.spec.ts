/**
 * Packages end to end, in real Chromium on a cross-origin-isolated page: an app server whose
 * TANDEM_PYODIDE_PACKAGE_URL points at a local package source the test builds (the CDN cannot be
 * reached from here; tests/support/package-source.ts), on another origin, as the CDN would be.
 * `import tandem_demo` loads the wheel before the cell runs, with its name and size in the cell,
 * and the plot-like object it returns shows as an image, with who ran it, for both people. An
 * embed of the notebook, framed by another site, loads packages from the same source.
 */
import { mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect, test } from "@playwright/test";

import { buildPackageSource, DEMO_WHEEL, servePackageSource, type PackageServer } from "../support/package-source";
import { makeLinkViewOnly, signUp } from "./support/accounts";
import { E2E_PORT } from "./support/env";
import { cellIds, codeEditor, createNotebook, joinNotebook, notebookCell } from "./support/notebook-page";
import { startServer, stop, waitUntilReady, type ServerRun } from "./support/server-process";

const PYTHON_READY_MS = 60_000;
/** This spec's own app server: the shared one has the default package source. */
const PORT = E2E_PORT + 10;
const BASE = `http://localhost:${PORT}`;

let source: PackageServer;
let app: ServerRun;

// One app server for the file: its tests run in one worker, in turn.
test.describe.configure({ mode: "default" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(path.join(tmpdir(), "tandem-e2e-packages-"));
  buildPackageSource(dir);
  source = await servePackageSource(dir);
  app = startServer({ PORT: String(PORT), DATABASE_URL: `file:${path.join(dir, "t.db")}`, TANDEM_PYODIDE_PACKAGE_URL: source.url });
  await waitUntilReady(app);
});

test.afterAll(async () => {
  if (app) await stop(app);
  if (source) await source.close();
});

test("an import loads its package from the package source with its size shown, and a plot shows as an image", async ({ browser }) => {
  test.setTimeout(120_000);
  const slug = await createNotebook(BASE, { title: "Packages" });
  const ada = await joinNotebook(browser, `${BASE}/n/${slug}`, "Ada");
  const grace = await joinNotebook(browser, `${BASE}/n/${slug}`, "Grace");
  await expect(ada.getByTestId("kernel-status")).toHaveAttribute("data-phase", "idle", { timeout: PYTHON_READY_MS });
  expect(source.requested).toContain("/pyodide-lock.json"); // the mirror's own list, read at start
  const [id] = await cellIds(ada);

  await codeEditor(ada, id!).click();
  await ada.keyboard.insertText("import tandem_demo\ntandem_demo.plot()");
  await ada.keyboard.press("Control+Enter");

  for (const page of [ada, grace]) {
    const outputs = notebookCell(page, id!).getByTestId("cell-outputs");
    await expect(outputs).toContainText(/Loading tandem-demo \(\d+(\.\d)? kB\)…/);
    const image = outputs.locator("img.output-image");
    await expect(image).toBeVisible();
    // A real PNG, decoded by the browser: 240 by 120 pixels.
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => `${img.naturalWidth}x${img.naturalHeight}`)).toBe("240x120");
    await expect(notebookCell(page, id!).getByTestId("run-by")).toContainText("Ada ran this as [1]");
  }
  expect(source.requested).toContain(`/${DEMO_WHEEL}`);

  await ada.context().close();
  await grace.context().close();
});

test("an embedded cell on another site loads its package from the same package source", async ({ browser }) => {
  test.setTimeout(180_000);
  // Its owner makes its link view-only, as an embed needs.
  const ada = await (await browser.newContext({ baseURL: BASE })).newPage();
  await signUp(ada, "Ada");
  const made = await ada.request.post(`${BASE}/api/notebooks`, { headers: { origin: BASE }, data: { title: "Embedded packages" } });
  const { id: notebookId, slug } = (await made.json()) as { id: string; slug: string };
  await makeLinkViewOnly(ada, notebookId);
  await ada.goto(`/n/${slug}`);
  await expect(ada.getByTestId("connection-status")).toHaveText("Connected");
  const [id] = await cellIds(ada);
  await ada.context().close();
  // "Another site": a page on an origin of its own that frames the cell.
  const blog: Server = createServer((_req, res) =>
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(`<!doctype html><title>Blog</title><iframe src="${BASE}/embed/${slug}?cell=${id}" width="700" height="500"></iframe>`),
  );
  await new Promise<void>((resolve) => blog.listen(0, "127.0.0.1", resolve));
  try {
    const reader = await (await browser.newContext()).newPage();
    await reader.goto(`http://localhost:${(blog.address() as { port: number }).port}/`);
    const frame = reader.frameLocator("iframe");
    await expect(frame.getByTestId("embed-cell")).toHaveCount(1);
    // The reader writes the cell (their own edit, kept in the frame) and runs it.
    await frame.locator(".cm-content").click();
    await reader.keyboard.insertText("import tandem_demo\ntandem_demo.plot()");
    await reader.keyboard.press("Shift+Enter");
    const outputs = frame.getByTestId("cell-outputs");
    await expect(outputs).toContainText(/Loading tandem-demo \(\d+(\.\d)? kB\)…/, { timeout: 90_000 });
    const image = outputs.locator("img.output-image");
    await expect(image).toBeVisible();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => `${img.naturalWidth}x${img.naturalHeight}`)).toBe("240x120");
    await expect(outputs).not.toContainText("ModuleNotFoundError");
    await reader.context().close();
  } finally {
    await new Promise((resolve) => blog.close(resolve));
  }
});
