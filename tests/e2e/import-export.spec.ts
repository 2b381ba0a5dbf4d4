/**
 * Moving notebooks in and out of Jupyter from the page: import a .ipynb from the home page (a bad
 * file gets a message and nothing opens; an old one is converted, and the importer is told), then
 * download the notebook as .ipynb and as .py (jupytext's percent format), and import that .py back.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

const fixture = path.join(process.cwd(), "tests/fixtures/notebooks/lab-4.4-widgets.ipynb");

test("import a .ipynb, then download it as .ipynb and as .py", async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem("tandem:guest-name", "Ada"));
  await page.goto("/");

  // A file that is not JSON: a message, and the page stays where it is.
  await page.getByTestId("import-file").setInputFiles({ name: "broken.ipynb", mimeType: "application/json", buffer: Buffer.from("{ not json") });
  await expect(page.locator(".import-error")).toContainText("not valid JSON");
  await expect(page).toHaveURL(/\/$/);

  await page.getByTestId("import-file").setInputFiles(fixture);
  await expect(page).toHaveURL(/\/n\/lab-4-4-widgets-/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("lab-4.4-widgets");
  await expect(page.getByTestId("cell")).toHaveCount(3);
  await expect(page.locator("table")).toContainText("1");

  const [ipynb] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download .ipynb" }).click()]);
  expect(ipynb.suggestedFilename()).toBe("lab-4.4-widgets.ipynb");
  const exported = JSON.parse(readFileSync(await ipynb.path(), "utf8")) as { nbformat: number; nbformat_minor: number; cells: { cell_type: string }[] };
  expect([exported.nbformat, exported.nbformat_minor]).toEqual([4, 5]);
  expect(exported.cells.map((c) => c.cell_type)).toEqual(["code", "markdown", "raw"]);

  const [py] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: ".py" }).click()]);
  expect(py.suggestedFilename()).toBe("lab-4.4-widgets.py");
  const script = readFileSync(await py.path(), "utf8");
  expect(script).toMatch(/^# ---\n# jupyter:\n#   jupytext:\n#     text_representation:\n#       extension: \.py\n#       format_name: percent\n#       format_version: '1\.3'\n/);
  expect(script).toContain('\n# %% jupyter={"source_hidden": true}\nimport ipywidgets as w\nw.IntSlider(value=3)\n');
  expect(script).toContain('\n# %% [raw] raw_mimetype="text/html"\n# <b>raw</b>\n');

  // The .py imports from the home page as a notebook with the same cells.
  await page.goto("/");
  await page.getByTestId("import-file").setInputFiles({ name: "widgets again.py", mimeType: "text/x-python", buffer: Buffer.from(script) });
  await expect(page).toHaveURL(/\/n\/widgets-again-/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("widgets again");
  await expect(page.getByTestId("cell")).toHaveCount(3);
  await expect(page.locator("table")).toContainText("1");
});

test("an R notebook's script download says .R and gives the .R file", async ({ page }) => {
  const script = "# ---\n# jupyter:\n#   kernelspec:\n#     display_name: R\n#     language: R\n#     name: ir\n# ---\n\n# %%\nx <- 1\n";
  await page.addInitScript(() => localStorage.setItem("tandem:guest-name", "Ada"));
  await page.goto("/");
  await page.getByTestId("import-file").setInputFiles({ name: "Stats.R", mimeType: "text/plain", buffer: Buffer.from(script) });
  await expect(page).toHaveURL(/\/n\/stats-/);
  await expect(page.getByTestId("cell")).toHaveCount(1);
  await expect(page.getByTestId("download-script")).toHaveText(".R");
  const [r] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: ".R", exact: true }).click()]);
  expect(r.suggestedFilename()).toBe("Stats.R");
});

test("import a public project's notebook (nteract's intro, nbformat 4.0) and download it as 4.5 with its metadata", async ({ page }) => {
  const file = path.join(process.cwd(), "node_modules/@nteract/examples/python/intro.ipynb");
  const original = JSON.parse(readFileSync(file, "utf8")) as { metadata: Record<string, unknown>; cells: { cell_type: string }[] };
  await page.addInitScript(() => localStorage.setItem("tandem:guest-name", "Ada"));
  await page.goto("/");
  await page.getByTestId("import-file").setInputFiles(file);
  await expect(page).toHaveURL(/\/n\/intro-/);
  await expect(page.getByTestId("cell")).toHaveCount(original.cells.length);
  await expect(page.getByTestId("notebook-cells")).toContainText("The Notable Nteract Notebook");
  // Its stored error output shows as a traceback.
  await expect(page.getByTestId("notebook-cells")).toContainText("NameError");

  const [ipynb] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download .ipynb" }).click()]);
  const exported = JSON.parse(readFileSync(await ipynb.path(), "utf8")) as typeof original & { nbformat_minor: number };
  expect(exported.nbformat_minor).toBe(5);
  expect(exported.metadata).toEqual(original.metadata);
  expect(exported.cells.map((c) => c.cell_type)).toEqual(original.cells.map((c) => c.cell_type));
});

test("import an nbformat 3 notebook (nbformat's own test file): told it was converted, and the download is the expected 4.5 file", async ({ page }) => {
  const jupyter = path.join(process.cwd(), "tests/fixtures/jupyter");
  await page.addInitScript(() => localStorage.setItem("tandem:guest-name", "Ada"));
  await page.goto("/");
  await page.getByTestId("import-file").setInputFiles(path.join(jupyter, "repair/nbformat-test3.ipynb"));
  await expect(page).toHaveURL(/\/n\/nbformat-test3-/);
  const notes = page.getByTestId("import-notes");
  await expect(notes).toContainText("Imported with 1 change, as Jupyter reads the file:");
  await expect(notes).toContainText("converted from nbformat 3 to 4");
  await expect(page.getByTestId("notebook-cells")).toContainText("nbconvert latex test");

  const [ipynb] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download .ipynb" }).click()]);
  // Byte for byte: tests/integration/jupyter-reads.test.ts checks this file against nbformat.
  expect(readFileSync(await ipynb.path(), "utf8")).toBe(readFileSync(path.join(jupyter, "expected/nbformat-test3.ipynb"), "utf8"));

  // Shown once, to the importer: gone after a reload.
  await notes.getByRole("button", { name: "Dismiss" }).click();
  await expect(notes).toBeHidden();
  await page.reload();
  await expect(page.getByTestId("notebook-cells")).toContainText("nbconvert latex test");
  await expect(page.getByTestId("import-notes")).toHaveCount(0);
});

test("a notebook from jupytext's own tests downloads as the .py jupytext writes for it (its text_representation aside)", async ({ page }) => {
  const jupytext = path.join(process.cwd(), "tests/fixtures/jupytext");
  await page.addInitScript(() => localStorage.setItem("tandem:guest-name", "Ada"));
  await page.goto("/");
  await page.getByTestId("import-file").setInputFiles(path.join(jupytext, "inputs/Notebook with html and latex cells.ipynb"));
  await expect(page).toHaveURL(/\/n\/notebook-with-html-and-latex-cells-/);
  await expect(page.getByTestId("cell").first()).toBeVisible();
  const [py] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: ".py" }).click()]);
  expect(py.suggestedFilename()).toBe("Notebook with html and latex cells.py");
  const downloaded = readFileSync(await py.path(), "utf8");
  expect(downloaded).toContain("#   jupytext:\n#     text_representation:\n#       extension: .py\n#       format_name: percent\n");
  // jupytext's expected files are written with text_representation switched off; the rest is byte for byte.
  const expected = readFileSync(path.join(jupytext, "percent/Notebook with html and latex cells.py"), "utf8");
  expect(downloaded.replace(/^# {3}jupytext:\n(?:# {5}.*\n)+/m, "")).toBe(expected);
});
