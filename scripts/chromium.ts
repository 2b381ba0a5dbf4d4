/**
 * The Chromium that end-to-end tests and browser benchmarks drive: TANDEM_CHROMIUM if set, else
 * Debian's /usr/bin/chromium when present, else Playwright's own (`npx playwright install chromium`
 * on a laptop). The flags keep a headless Chromium quiet on a machine without a network or a GPU.
 */
import { existsSync } from "node:fs";

const SYSTEM_CHROMIUM = "/usr/bin/chromium";

export function chromiumExecutable(): string | undefined {
  if (process.env.TANDEM_CHROMIUM) return process.env.TANDEM_CHROMIUM;
  return existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined;
}

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
];
