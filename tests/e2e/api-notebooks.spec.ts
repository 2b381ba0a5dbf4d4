/** POST /api/notebooks: who may call it, what it accepts, and its rate limit. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_URL } from "./support/env";
import { startServer, stop, waitUntilReady } from "./support/server-process";

const post = (body: unknown, headers: Record<string, string> = { Origin: E2E_URL }, base = E2E_URL) =>
  fetch(`${base}/api/notebooks`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

test("creates a blank notebook and a copy of the lesson, each with its own link", async ({ page }) => {
  const blank = await post({ title: "Scratch pad" });
  expect(blank.status).toBe(201);
  const { slug } = (await blank.json()) as { slug: string };
  expect(slug).toMatch(/^scratch-pad-[a-z0-9]{10}$/);
  await page.goto(`/n/${slug}`);
  await expect(page.getByRole("heading", { level: 1, name: "Scratch pad" })).toBeVisible();

  const copy = await post({ from: "python-internals" });
  expect(copy.status).toBe(201);
  const copied = (await copy.json()) as { slug: string };
  expect(copied.slug).toMatch(/^python-internals-copy-[a-z0-9]{10}$/);
  await page.goto(`/n/${copied.slug}`);
  // A copy says so in its title, so that a library does not hold two identical "Python Internals".
  await expect(page.locator(".notebook-header").getByRole("heading", { level: 1 })).toHaveText("Python Internals (copy)");
  await expect(page.getByTestId("cell").first()).toBeVisible();
  // The first cells render at once, the rest right after (live-notebook.tsx).
  await expect(page.getByTestId("notebook-cells")).toHaveAttribute("data-rendered", "all");
  expect(await page.getByTestId("cell").count()).toBeGreaterThan(40);
});

test("refuses cross-site requests, bad bodies and unknown sources plainly", async () => {
  const crossSite = await post({}, { Origin: "https://evil.example" });
  expect(crossSite.status).toBe(403);
  expect(await crossSite.json()).toMatchObject({ code: "forbidden" });
  expect((await post({}, {})).status).toBe(403);
  const bad = await post("{not json");
  expect(bad.status).toBe(400);
  expect(await bad.json()).toMatchObject({ code: "bad_request" });
  const missing = await post({ from: "no-such-notebook" });
  expect(missing.status).toBe(404);
  expect(await missing.json()).toMatchObject({ code: "not_found" });
});

test("limits how many notebooks one address creates", async () => {
  const dir = mkdtempSync(join(tmpdir(), "tandem-ratelimit-"));
  const port = String(3950 + Math.floor(Math.random() * 40));
  const base = `http://localhost:${port}`;
  const run = startServer({ PORT: port, DATABASE_URL: `file:${join(dir, "t.db")}`, TANDEM_NOTEBOOK_CREATE_LIMIT: "2" });
  try {
    await waitUntilReady(run);
    expect((await post({}, { Origin: base }, base)).status).toBe(201);
    expect((await post({}, { Origin: base }, base)).status).toBe(201);
    const third = await post({}, { Origin: base }, base);
    expect(third.status).toBe(429);
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await third.json()).toMatchObject({ code: "rate_limited" });
    // A client cannot dodge the limit by claiming another address.
    expect((await post({}, { Origin: base, "X-Tandem-Client-Ip": "10.9.9.9", "X-Forwarded-For": "10.8.8.8" }, base)).status).toBe(429);
  } finally {
    await stop(run);
  }
});
