/**
 * Images from other sites (docs/adr/0004-embedder-policy.md). A notebook links images from
 * anywhere (Wikipedia, imgur, a course's site), and those sites send no
 * Cross-Origin-Resource-Policy. Under `COEP: credentialless` Chromium loads them, in markdown and
 * in outputs, and the page stays cross-origin isolated (Python's interrupts and input() need it).
 * A browser without credentialless (Safari, told by its User-Agent) gets require-corp: the page is
 * still isolated and the image is blocked, the known cost of that fallback.
 *
 * "Another site" is an HTTPS server on another port of this machine with a self-signed
 * certificate, serving a PNG with no CORP header (and noting whether cookies came with it).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { E2E_URL } from "./support/env";

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==", "base64");
const SAFARI = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15";

let site: Server;
let siteUrl: string;
let dir: string;
const cookiesSeen: (string | undefined)[] = [];

test.beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "tandem-site-"));
  const key = path.join(dir, "key.pem");
  const cert = path.join(dir, "cert.pem");
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"], { stdio: "ignore" });
  site = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    cookiesSeen.push(req.headers.cookie);
    // As most sites answer: no Cross-Origin-Resource-Policy, no CORS.
    res.writeHead(200, { "content-type": "image/png", "cache-control": "no-store" }).end(PNG);
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  siteUrl = `https://127.0.0.1:${(site.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => site.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

async function importWithImages(): Promise<string> {
  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      { id: "md", cell_type: "markdown", metadata: {}, source: `A picture from another site:\n\n![from afar](${siteUrl}/markdown.png)` },
      {
        id: "code",
        cell_type: "code",
        metadata: {},
        execution_count: 1,
        source: "display(HTML(...))",
        outputs: [{ output_type: "display_data", metadata: {}, data: { "text/html": `<img id="far" alt="from afar" src="${siteUrl}/output.png">`, "text/plain": "<img>" } }],
      },
    ],
  };
  const response = await fetch(`${E2E_URL}/api/notebooks/import?name=images.ipynb`, {
    method: "POST",
    headers: { "content-type": "application/x-ipynb+json", origin: E2E_URL },
    body: JSON.stringify(notebook),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { slug: string }).slug;
}

/** The image's natural width once it has loaded or failed (0 when the browser blocked it). */
async function loadedWidth(page: Page, where: "markdown" | "output"): Promise<number> {
  const image = where === "markdown" ? page.getByRole("img", { name: "from afar" }) : page.frameLocator("iframe.output-frame").locator("#far");
  await expect(image).toHaveCount(1);
  return image.evaluate(
    (img: HTMLImageElement) =>
      new Promise<number>((resolve) => {
        if (img.complete) return resolve(img.naturalWidth);
        img.addEventListener("load", () => resolve(img.naturalWidth));
        img.addEventListener("error", () => resolve(0));
      }),
  );
}

test("images from another site show in markdown and outputs, and the page stays isolated", async ({ browser }) => {
  const slug = await importWithImages();
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  const response = await page.goto(`${E2E_URL}/n/${slug}`);
  expect(response!.headers()["cross-origin-embedder-policy"]).toBe("credentialless");
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  expect(await loadedWidth(page, "markdown")).toBe(1);
  expect(await loadedWidth(page, "output")).toBe(1);
  // Credentialless: the other site never gets cookies with these requests.
  expect(cookiesSeen.length).toBeGreaterThanOrEqual(2);
  expect(cookiesSeen.every((cookie) => cookie === undefined)).toBe(true);
  await context.close();
});

test("a browser without credentialless keeps require-corp: isolated, and the image is blocked", async ({ browser }) => {
  const slug = await importWithImages();
  const context = await browser.newContext({ ignoreHTTPSErrors: true, userAgent: SAFARI });
  const page = await context.newPage();
  const response = await page.goto(`${E2E_URL}/n/${slug}`);
  expect(response!.headers()["cross-origin-embedder-policy"]).toBe("require-corp");
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  expect(await loadedWidth(page, "markdown")).toBe(0);
  await context.close();
});
