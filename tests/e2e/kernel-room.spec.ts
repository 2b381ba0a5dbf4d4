/**
 * The learner's Python in a shared room, end to end in real Chromium: time.sleep blocks the
 * worker and streams what came before it (the slow-loop demo), Stop ends a long sleep, every [n]
 * says whose kernel counted it, and restart asks first and offers run all or clearing outputs.
 */
import { expect, test, type Page } from "@playwright/test";
import { E2E_URL } from "./support/env";
import { cellIds, codeEditor, createNotebook, joinNotebook, notebookCell, pythonReady, runCell } from "./support/notebook-page";

const outputs = (page: Page, id: string) => notebookCell(page, id).getByTestId("cell-outputs");
const prompt = (page: Page, id: string) => notebookCell(page, id).getByTestId("cell-prompt");

/**
 * Records, in the page, when each of `lines` first shows in the cell's outputs (performance.now(),
 * from a MutationObserver, so the times are the DOM's own, not the test's polling).
 */
async function watchLines(page: Page, id: string, lines: readonly string[]): Promise<void> {
  await page.evaluate(
    ({ id, lines }) => {
      const seen: Record<string, number> = {};
      (window as unknown as { __lineTimes: Record<string, number> }).__lineTimes = seen;
      const look = () => {
        const text = document.querySelector(`[data-cell-id="${id}"] [data-testid="cell-outputs"]`)?.textContent ?? "";
        const shown = text.split("\n");
        for (const line of lines) if (!(line in seen) && shown.includes(line)) seen[line] = performance.now();
      };
      new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true });
    },
    { id, lines },
  );
}

test("the slow-loop demo prints its lines one by one, and Stop ends a long time.sleep", async ({ browser }) => {
  test.setTimeout(120_000);
  const slug = await createNotebook(E2E_URL, { title: "Sleep" });
  const ada = await joinNotebook(browser, `${E2E_URL}/n/${slug}`, "Ada");
  const grace = await joinNotebook(browser, `${E2E_URL}/n/${slug}`, "Grace");
  // Both Pythons started first: a page still loading one competes for the CPU with the demo.
  await pythonReady(ada);
  await pythonReady(grace);
  expect(await ada.evaluate(() => crossOriginIsolated)).toBe(true);
  const [id] = await cellIds(ada);

  const lines = ["0", "1", "2", "3", "4"];
  await watchLines(ada, id!, lines);
  await watchLines(grace, id!, lines);
  await runCell(ada, id!, "import time\nfor i in range(5):\n    print(i)\n    time.sleep(0.5)");
  await expect(prompt(ada, id!)).toHaveText("[1]:", { timeout: 30_000 });
  await expect(outputs(ada, id!)).not.toContainText("Error");
  for (const page of [ada, grace]) {
    const times = await page.evaluate(() => (window as unknown as { __lineTimes: Record<string, number> }).__lineTimes);
    const at = lines.map((line) => times[line]);
    expect(at.every((t) => typeof t === "number"), JSON.stringify(times)).toBe(true);
    // The lines came a sleep apart, not all at the end: in order, the first on screen well before
    // the last. The bound is half the four 0.5 s sleeps between them, a property of the program,
    // not a speed goal; single gaps are not asserted, as a loaded machine may draw two lines in
    // one frame.
    const gaps = at.slice(1).map((t, i) => t! - at[i]!);
    expect(gaps.every((gap) => gap >= 0), JSON.stringify(times)).toBe(true);
    expect(at[4]! - at[0]!, JSON.stringify(times)).toBeGreaterThan(1000);
    expect(Math.max(...gaps), JSON.stringify(times)).toBeGreaterThan(250);
  }

  // A minute's sleep, and Stop: the cell ends with KeyboardInterrupt, long before the minute is up.
  await runCell(ada, id!, 'import time\nprint("napping")\ntime.sleep(60)\nprint("after the " + "nap")');
  await expect(outputs(ada, id!)).toContainText("napping");
  await expect(prompt(ada, id!)).toHaveText("[*]:");
  await ada.getByRole("button", { name: "Stop" }).click();
  await expect(outputs(ada, id!)).toContainText("KeyboardInterrupt", { timeout: 10_000 });
  await expect(outputs(grace, id!)).toContainText("KeyboardInterrupt");
  await expect(outputs(ada, id!)).not.toContainText("after the nap");
  await expect(prompt(ada, id!)).toHaveText("[2]:");
  await ada.context().close();
  await grace.context().close();
});

test("every [n] says whose kernel counted it, in words and in the runner's colour", async ({ browser }) => {
  test.setTimeout(150_000);
  const slug = await createNotebook(E2E_URL, { title: "Counts" });
  const ada = await joinNotebook(browser, `${E2E_URL}/n/${slug}`, "Ada");
  const grace = await joinNotebook(browser, `${E2E_URL}/n/${slug}`, "Grace Hopper");
  await pythonReady(ada);
  await pythonReady(grace);
  const [first] = await cellIds(ada);
  await runCell(ada, first!, "1 + 1");
  await ada.keyboard.press("Escape");
  await ada.keyboard.press("b");
  await expect.poll(async () => (await cellIds(grace)).length).toBe(2);
  const [, second] = await cellIds(grace);
  await runCell(grace, second!, "2 + 2");
  for (const page of [ada, grace]) {
    // Both are [1]: each in its own Python, and the marker says so.
    await expect(prompt(page, first!)).toHaveText("[1]:");
    await expect(prompt(page, second!)).toHaveText("[1]:");
    const adas = notebookCell(page, first!).getByRole("img", { name: "Ada's kernel, run 1" });
    const graces = notebookCell(page, second!).getByRole("img", { name: "Grace Hopper's kernel, run 1" });
    await expect(adas).toHaveText("A");
    await expect(adas).toHaveAttribute("title", "Ada's kernel, run 1");
    await expect(graces).toHaveText("GH");
  }
  // The colour is each runner's presence colour (the one beside their name in the bar).
  const colorOf = (page: Page, id: string) => notebookCell(page, id).getByTestId("count-owner").evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(await colorOf(grace, first!)).toBe(await colorOf(ada, first!));
  expect(await colorOf(ada, second!)).toBe(await colorOf(grace, second!));
  await ada.context().close();
  await grace.context().close();
});

test("restart asks first; Escape cancels; it can clear only my outputs, or restart and run all", async ({ browser }) => {
  test.setTimeout(180_000);
  const slug = await createNotebook(E2E_URL, { title: "Restart" });
  const ada = await joinNotebook(browser, `${E2E_URL}/n/${slug}`, "Ada");
  const grace = await joinNotebook(browser, `${E2E_URL}/n/${slug}`, "Grace");
  await pythonReady(ada);
  await pythonReady(grace);
  const [first] = await cellIds(ada);
  // 41 in a fresh Python, one more on each run after that.
  const counter = "try:\n    x += 1\nexcept NameError:\n    x = 41\nprint('x is', x)";
  await runCell(ada, first!, counter);
  await expect(outputs(ada, first!)).toContainText("x is 41");
  await ada.keyboard.press("Escape");
  await ada.keyboard.press("b");
  await expect.poll(async () => (await cellIds(grace)).length).toBe(2);
  const [, second] = await cellIds(grace);
  await runCell(grace, second!, 'print("graces")');
  await expect(outputs(ada, second!)).toContainText("graces");

  // Asked, and cancelled with Escape: nothing restarts, x is still there.
  const dialog = ada.getByRole("dialog", { name: "Restart Python?" });
  await ada.getByRole("button", { name: "Restart Python" }).click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Restart", exact: true })).toBeFocused();
  await ada.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(ada.getByTestId("kernel-status")).toHaveAttribute("data-phase", "idle");
  // 0 0 on a selected cell asks too.
  await codeEditor(ada, first!).click();
  await ada.keyboard.press("Escape");
  await ada.keyboard.press("0");
  await ada.keyboard.press("0");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  await codeEditor(ada, first!).click();
  await ada.keyboard.press("Control+Enter");
  await expect(outputs(ada, first!)).toContainText("x is 42");

  // Restart and clear my outputs: mine go for everyone, Grace's stay.
  await ada.getByRole("button", { name: "Restart Python" }).click();
  await dialog.getByRole("button", { name: "Restart and clear my outputs" }).click();
  for (const page of [ada, grace]) {
    await expect(notebookCell(page, first!).getByTestId("cell-outputs")).toHaveCount(0);
    await expect(prompt(page, first!)).toHaveText("[\u00a0]:");
    await expect(outputs(page, second!)).toContainText("graces");
  }
  await pythonReady(ada);

  // Restart and run all: both cells run in Ada's fresh Python, in order.
  await ada.getByRole("button", { name: "Restart Python" }).click();
  await dialog.getByRole("button", { name: "Restart and run all" }).click();
  await expect(outputs(ada, first!)).toContainText("x is 41", { timeout: 60_000 });
  await expect(prompt(ada, first!)).toHaveText("[1]:");
  await expect(prompt(ada, second!)).toHaveText("[2]:");
  await expect(notebookCell(grace, second!).getByRole("img", { name: "Ada's kernel, run 2" })).toBeVisible();
  await ada.context().close();
  await grace.context().close();
});
