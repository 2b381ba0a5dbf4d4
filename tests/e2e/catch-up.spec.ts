/**
 * Catch up you can trust, end to end in real Chromium with two people: Ada's history has an error,
 * a loop she stopped and an input() she answered; Grace's Catch up replays it in her own Python,
 * past the error Ada got too, without the loop, giving input() Ada's recorded answer, and says
 * what it did.
 */
import { expect, test, type Page } from "@playwright/test";
import { E2E_URL } from "./support/env";
import { addCell, cellIds, createNotebook, joinNotebook, notebookCell, pythonReady, runCell } from "./support/notebook-page";

const outputs = (page: Page, id: string) => notebookCell(page, id).getByTestId("cell-outputs");
const prompt = (page: Page, id: string) => notebookCell(page, id).getByTestId("cell-prompt");

test("catch up replays past an expected error, skips a stopped loop, and gives input() the recorded answer", async ({ browser }) => {
  test.setTimeout(180_000);
  const slug = await createNotebook(E2E_URL, { title: "Catch up" });
  const ada = await joinNotebook(browser, `${E2E_URL}/n/${slug}`, "Ada");
  const grace = await joinNotebook(browser, `${E2E_URL}/n/${slug}`, "Grace");
  await pythonReady(ada);

  // 1: an error Ada gets.
  const [failing] = await cellIds(ada);
  await runCell(ada, failing!, "import math\nmath.sqrt(-1)");
  await expect(outputs(ada, failing!)).toContainText("ValueError");
  // 2: a loop Ada stops.
  const loop = await addCell(ada);
  await runCell(ada, loop, "while True:\n    pass");
  await expect(prompt(ada, loop)).toHaveText("[*]:");
  await ada.getByRole("button", { name: "Stop" }).click();
  await expect(outputs(ada, loop)).toContainText("KeyboardInterrupt");
  // 3: input(), answered "Ada".
  const asking = await addCell(ada);
  await runCell(ada, asking, 'name = input("Your name? ")');
  const field = notebookCell(ada, asking).getByTestId("input-prompt").getByRole("textbox");
  await field.fill("Ada");
  await field.press("Enter");
  await expect(outputs(ada, asking)).toContainText("Your name? Ada");
  await expect(prompt(ada, asking)).toHaveText("[3]:");
  // 4: later cells defining variables.
  const later = await addCell(ada);
  await runCell(ada, later, 'x = 10\ny = name + "!"');
  await expect(prompt(ada, later)).toHaveText("[4]:");
  const last = await addCell(ada);
  await runCell(ada, last, "z = math.floor(2.5) + x");
  await expect(prompt(ada, last)).toHaveText("[5]:");
  const check = await addCell(ada);
  await expect.poll(async () => (await cellIds(grace)).length).toBe(6);

  await pythonReady(grace);
  await grace.getByRole("button", { name: "Catch up: run here what the room has run" }).click();
  const status = grace.getByTestId("catch-up-status");
  await expect(status).toHaveAttribute("data-finished", "true", { timeout: 60_000 });
  await expect(status).toHaveAttribute("role", "status");
  await expect(status).toContainText("Caught up: ran 4 runs of 4; 1 error as their authors got too; 1 input() answer given as recorded.");
  await expect(grace.getByTestId("catch-up-skipped")).toHaveText("Skipped cell 2: Ada stopped it.");
  await expect(grace.getByTestId("catch-up-stopped")).toHaveCount(0);
  // No endless loop, and Grace was never asked.
  await expect(grace.getByTestId("kernel-status")).toHaveAttribute("data-phase", "idle");
  await expect(grace.getByTestId("input-prompt")).toHaveCount(0);
  // A replay writes nothing: Ada's outputs and counts stay hers.
  await expect(prompt(grace, later)).toHaveText("[4]:");

  await runCell(grace, check, "print(x, y, z, name)");
  await expect(outputs(grace, check)).toContainText("10 Ada! 12 Ada");
  await expect(outputs(ada, check)).toContainText("10 Ada! 12 Ada");
  await grace.getByRole("button", { name: "Dismiss" }).click();
  await expect(status).toHaveCount(0);
  await ada.context().close();
  await grace.context().close();
});

test("a NameError for a name someone else's run defines names the cell and who ran it, and Catch up defines it here", async ({ browser }) => {
  test.setTimeout(300_000);
  const slug = await createNotebook(E2E_URL, { title: "Who defines x" });
  const ada = await joinNotebook(browser, `${E2E_URL}/n/${slug}`, "Ada");
  const grace = await joinNotebook(browser, `${E2E_URL}/n/${slug}`, "Grace");
  await pythonReady(ada);
  const [defining] = await cellIds(ada);
  await runCell(ada, defining!, "x = 42");
  await expect(prompt(ada, defining!)).toHaveText("[1]:");
  const using = await addCell(ada);
  await expect.poll(async () => (await cellIds(grace)).length).toBe(2);

  await pythonReady(grace);
  await runCell(grace, using, "print(x)");
  await expect(outputs(grace, using)).toContainText("NameError");
  const hint = notebookCell(grace, using).getByRole("note");
  await expect(hint).toHaveText("x is defined in cell 1, which Ada ran. Your Python hasn't run it.Catch up");
  // Grace's error is hers: Ada sees it, without a hint about her own Python.
  await expect(outputs(ada, using)).toContainText("NameError");
  await expect(ada.getByTestId("name-hint")).toHaveCount(0);

  // The cell's number is a link to it.
  await hint.getByRole("button", { name: "Go to cell 1" }).click();
  await expect(notebookCell(grace, defining!)).toHaveAttribute("aria-current", "true");
  await expect(notebookCell(grace, defining!)).toBeFocused();

  await hint.getByRole("button", { name: "Catch up", exact: true }).click();
  await expect(grace.getByTestId("catch-up-status")).toContainText("Caught up: ran 1 run of 1.");
  await expect(hint).toHaveText("Your Python has run cell 1 now: x is defined.Run this cell again");
  await hint.getByRole("button", { name: "Run this cell again" }).click();
  await expect(outputs(grace, using)).toHaveText("42");
  await expect(grace.getByTestId("name-hint")).toHaveCount(0);
  // Catch up replayed Ada's run without writing: her output and count stay hers.
  await expect(prompt(grace, defining!)).toHaveText("[1]:");
  await expect(notebookCell(grace, defining!).getByTestId("run-by")).toContainText("Ada");
  await grace.getByRole("button", { name: "Dismiss" }).click();

  // A run that needed a cell since deleted: the replay fails here, and the hint says so rather than "defined".
  const gone = await addCell(ada);
  await runCell(ada, gone, "secret = 5");
  await expect(prompt(ada, gone)).toHaveText("[2]:");
  const needing = await addCell(ada);
  await runCell(ada, needing, "y = secret * 2");
  await expect(prompt(ada, needing)).toHaveText("[3]:");
  await notebookCell(ada, gone).getByRole("button", { name: "Delete cell" }).click();
  const asking = await addCell(ada);
  await expect.poll(async () => (await cellIds(grace)).length).toBe(4);
  await runCell(grace, asking, "print(y)");
  const second = notebookCell(grace, asking).getByRole("note");
  await expect(second).toHaveText("y is defined in cell 3, which Ada ran. Your Python hasn't run it.Catch up");
  await second.getByRole("button", { name: "Catch up", exact: true }).click();
  await expect(grace.getByTestId("catch-up-stopped")).toContainText("Stopped at cell 3: NameError: name 'secret' is not defined");
  await expect(second).toHaveText("Cell 3 failed in your Python, so y may still be missing: Catch up's summary at the top says why.");
  await ada.context().close();
  await grace.context().close();
});
