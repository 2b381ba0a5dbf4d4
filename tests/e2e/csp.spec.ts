/**
 * The Content-Security-Policy, against the real server and a real Chromium. Every page (the home
 * page, a lesson, a notebook, an embed, a 404) answers with a nonce-based policy, a fresh nonce
 * each time, and every script in its HTML carries that nonce; the pages then run with no
 * violation at all: Python starts and runs, an HTML output's own inline script runs in its frame
 * (a document of its own, served sandboxed), and script in markup without the nonce does not run.
 */
import { expect, test, type APIRequestContext, type ConsoleMessage, type Page } from "@playwright/test";
import { makeLinkViewOnly, signUp } from "./support/accounts";
import { E2E_URL } from "./support/env";
import { cellIds, createNotebook, notebookCell } from "./support/notebook-page";

type Policy = Map<string, string[]>;

function parsePolicy(header: string | undefined): Policy {
  const directives = (header ?? "").split(";").map((d) => d.trim().split(/\s+/));
  return new Map(directives.filter((d) => d[0]).map(([name, ...sources]) => [name!, sources]));
}

async function fetchPage(request: APIRequestContext, path: string): Promise<{ status: number; policy: Policy; nonce: string; scripts: string[] }> {
  const response = await request.get(path);
  const policy = parsePolicy(response.headers()["content-security-policy"]);
  const nonce = (policy.get("script-src") ?? []).find((s) => s.startsWith("'nonce-"))?.slice("'nonce-".length, -1) ?? "";
  const scripts = (await response.text()).match(/<script\b[^>]*>/gi) ?? [];
  return { status: response.status(), policy, nonce, scripts };
}

const HTML_OUTPUT = [
  "print(6 * 7)",
  "class X:",
  "    def _repr_html_(self):",
  "        return \"<b id=x>hi</b><script>document.getElementById('x').textContent = 'ran'</script>\"",
  "X()",
].join("\n");

test("every page's scripts carry its response's nonce, a fresh one per response", async ({ request }) => {
  const slug = await createNotebook(E2E_URL, { title: "Policy" });
  const pages: [path: string, status: number, frameAncestors: string][] = [
    ["/", 200, "'none'"],
    ["/n/python-internals", 200, "'none'"],
    [`/n/${slug}`, 200, "'none'"],
    ["/sign-in", 200, "'none'"],
    ["/no-such-page", 404, "'none'"],
    ["/embed/python-internals", 200, "*"],
  ];
  for (const [path, status, frameAncestors] of pages) {
    const first = await fetchPage(request, path);
    expect(first.status, path).toBe(status);
    const scriptSrc = first.policy.get("script-src") ?? [];
    expect(first.nonce, `${path}: script-src has a nonce`).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(scriptSrc, path).toContain("'strict-dynamic'");
    expect(scriptSrc, path).not.toContain("'unsafe-inline'");
    expect(scriptSrc, path).not.toContain("'unsafe-eval'");
    expect(first.policy.get("object-src"), path).toEqual(["'none'"]);
    expect(first.policy.get("base-uri"), path).toEqual(["'none'"]);
    expect(first.policy.get("frame-ancestors"), path).toEqual([frameAncestors]);
    // Every script of the page, Next's and the notebook page's own inline one, carries the nonce.
    expect(first.scripts.length, path).toBeGreaterThan(0);
    for (const script of first.scripts) expect(script, path).toContain(` nonce="${first.nonce}"`);
    const second = await fetchPage(request, path);
    expect(second.nonce, `${path}: a fresh nonce`).not.toBe(first.nonce);
    for (const script of second.scripts) expect(script, path).toContain(` nonce="${second.nonce}"`);
  }

  // The frame outputs render in: sandboxed by its own policy, framed only by the app and embeds.
  const frame = await request.get("/output-frame");
  expect(frame.status()).toBe(200);
  const policy = parsePolicy(frame.headers()["content-security-policy"]);
  expect(policy.get("sandbox")).toEqual(["allow-scripts"]);
  expect(policy.get("frame-ancestors")).toEqual(["'self'", "*"]);
  // Playwright asks as its Chromium does: the policy such a browser gets (embedder-policy.ts).
  expect(frame.headers()["cross-origin-embedder-policy"]).toBe("credentialless");
});

/** Every CSP violation in a page and its frames: Chromium's console report, and the DOM event. */
function watchViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message: ConsoleMessage) => {
    if (/Content Security Policy|CSP violation/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test("pages run under the policy with no violation: Python, an output's own script, embeds", async ({ browser }) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({ baseURL: E2E_URL });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.effectiveDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const violations = watchViolations(page);

  await page.goto(`${E2E_URL}/`);
  await expect(page.getByTestId("lesson-list")).toBeVisible();

  // A lesson: its markdown, with KaTeX's fonts and styles.
  await page.goto(`${E2E_URL}/n/python-internals`);
  await expect(page.locator(".cell-markdown .katex").first()).toBeVisible();

  // A notebook: Python starts (the early inline script, the worker), runs, and an HTML output's
  // own inline script runs inside its frame.
  // Its owner, so that it can be made view-only by link for the embed at the end.
  await signUp(page, "Ada");
  const made = await page.request.post(`${E2E_URL}/api/notebooks`, { headers: { origin: E2E_URL }, data: { title: "Under the policy" } });
  const { id: notebookId, slug } = (await made.json()) as { id: string; slug: string };
  await page.goto(`${E2E_URL}/n/${slug}`);
  await expect(page.getByTestId("connection-status")).toHaveText("Connected");
  await expect(page.getByTestId("kernel-status")).toHaveAttribute("data-phase", "idle", { timeout: 60_000 });
  const [id] = await cellIds(page);
  await notebookCell(page, id!).locator(".cm-content").click();
  await page.keyboard.insertText(HTML_OUTPUT);
  await page.keyboard.press("Control+Enter");
  await expect(notebookCell(page, id!).getByTestId("cell-outputs")).toContainText("42");
  const output = notebookCell(page, id!).locator("iframe.output-frame");
  await expect(output).toHaveAttribute("sandbox", "allow-scripts");
  await expect(output.contentFrame().locator("#x")).toHaveText("ran");

  // Markup with scripts the server did not write, as an injection would add it: an inline event
  // handler, and a frame of HTML with its own <script> (a srcdoc frame parses it under this
  // page's policy, as the page's own HTML is parsed). Neither runs.
  await page.evaluate(() => {
    const injected = document.createElement("div");
    injected.innerHTML =
      '<img src="data:," onerror="document.body.dataset.injectedHandler = \'ran\'">' +
      '<iframe srcdoc="<script>parent.document.body.dataset.injectedScript = \'ran\'</script>"></iframe>';
    document.body.append(injected);
  });
  await expect.poll(() => violations.some((v) => /script-src-attr|event handler/.test(v))).toBe(true);
  await expect.poll(() => violations.some((v) => /script-src-elem|inline script/.test(v))).toBe(true);
  expect(await page.evaluate(() => ({ ...document.body.dataset }))).not.toHaveProperty("injectedHandler");
  expect(await page.evaluate(() => ({ ...document.body.dataset }))).not.toHaveProperty("injectedScript");
  expect(violations.every((v) => /script-src/.test(v))).toBe(true);
  violations.length = 0;

  // The embed of that cell shows the output, its script run in its frame.
  await makeLinkViewOnly(page, notebookId);
  await page.goto(`${E2E_URL}/embed/${slug}?cell=${id}`);
  await expect(page.getByTestId("embed-cell")).toHaveCount(1);
  await expect(page.locator("iframe.output-frame").contentFrame().locator("#x")).toHaveText("ran");

  expect(violations).toEqual([]);
  await context.close();
});
