/**
 * End-to-end tests: a real Chromium against the real server (production build, fresh SQLite
 * database per run). Browser: TANDEM_CHROMIUM if set, else Debian's /usr/bin/chromium when
 * present, else Playwright's own (`npx playwright install chromium` on a laptop).
 */
import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumExecutable } from "./scripts/chromium";
import { E2E_PORT, E2E_URL } from "./tests/e2e/support/env";

const executablePath = chromiumExecutable();

export default defineConfig({
  testDir: "tests/e2e",
  // Playwright empties its output folder at start: keep it apart from the other reports.
  outputDir: "test-results/playwright",
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"], ["json", { outputFile: "test-results/e2e.json" }]] : "list",
  use: {
    baseURL: E2E_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          ...(executablePath ? { executablePath } : {}),
          args: CHROMIUM_ARGS,
        },
      },
    },
  ],
  webServer: {
    command: "node --import tsx tests/e2e/support/serve.ts",
    url: `${E2E_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    // The server logs a JSON line per request in production (lib/server/log.ts): thousands in a
    // run. Warnings and errors go to stderr, which is shown.
    stdout: "ignore",
    stderr: "pipe",
    // Tests create many notebooks and accounts from one address; the limits have their own tests.
    env: { PORT: String(E2E_PORT), NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", TANDEM_NOTEBOOK_CREATE_LIMIT: "100000", TANDEM_SIGNUP_ADDRESS_LIMIT: "100000" },
  },
});
