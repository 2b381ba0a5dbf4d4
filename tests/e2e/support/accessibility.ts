/**
 * axe-core on a page as it stands, in the light theme and then the dark one (the system's
 * preference, which the page follows until its viewer chooses): no serious or critical violation
 * of WCAG 2.1 A and AA, contrast included.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 4).map((n) => `${n.target.join(" ")}${n.failureSummary ? ` [${n.failureSummary.split("\n").slice(1, 2).join("")}]` : ""}`).join("; ")}`);
}

/**
 * Soft checks: every page's problems are listed, not only the first page's. `schemes` narrows the
 * themes (colours do not change with the screen's size, so a second size need check only one).
 */
export async function expectAccessible(page: Page, name: string, schemes: readonly ("light" | "dark")[] = ["light", "dark"]): Promise<void> {
  for (const scheme of schemes) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator("html")).toHaveAttribute("data-theme", scheme);
    expect.soft(await violations(page), `${name} (${scheme}): axe-core violations`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: "light" });
}
