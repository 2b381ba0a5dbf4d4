/**
 * Cell code cannot reach the person's session (docs/adr/0005-kernel-origin.md): Python runs in a
 * worker of a sandboxed kernel frame, an opaque origin. A signed-in person runs code a lesson, a
 * fork or a partner could have written, and it tries what a same-origin worker could do: read their
 * private library, change their notebooks, read the offline copies in IndexedDB. Each fails, and
 * Python still does everything else (kernel.spec.ts: Stop, input(), snapshots).
 */
import { expect, test } from "@playwright/test";
import { signUp } from "./support/accounts";
import { cellIds, notebookCell, pythonReady, runCell } from "./support/notebook-page";

test("a cell cannot read the person's pages, change their notebooks or open the app's storage", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await (await browser.newContext()).newPage();
  await signUp(page, "Ada");
  const origin = new URL(page.url()).origin;
  const created = await page.request.post(`${origin}/api/notebooks`, { headers: { origin }, data: { title: "Secret diary" } });
  expect(created.status()).toBe(201);
  const { slug } = (await created.json()) as { slug: string };
  await page.goto(`/n/${slug}`);
  await pythonReady(page);
  const [id] = await cellIds(page);

  await runCell(
    page,
    id!,
    [
      "import js",
      `APP = "${origin}"`,
      "for path in ['/library', '/api/notebooks']:",
      "    try:",
      "        r = await js.fetch(APP + path)",
      "        print(path, 'answered', r.status, 'Secret diary' in await r.text())",
      "    except Exception as e:",
      "        print(path, 'refused')",
      // A form-like POST leaves the browser (no-cors), but as from nowhere: Origin null, no cookie.
      "try:",
      "    await js.fetch(APP + '/api/notebooks', method='POST', mode='no-cors', body='title=Planted')",
      "except Exception:",
      "    pass",
      "try:",
      "    js.indexedDB.open('tandem')",
      "    print('indexedDB open')",
      "except Exception as e:",
      "    print('indexedDB', 'SecurityError' in str(e))",
      "print('caches' in dir(js), repr(js.self.origin), hasattr(js, 'document'))",
    ].join("\n"),
  );
  const outputs = notebookCell(page, id!).getByTestId("cell-outputs");
  await expect(outputs).toContainText("/library refused");
  await expect(outputs).toContainText("/api/notebooks refused");
  await expect(outputs).toContainText("indexedDB True");
  await expect(outputs).toContainText("False 'null' False");
  await expect(outputs).not.toContainText("answered");

  // Nothing was created in the person's name.
  await page.goto("/library");
  await expect(page.getByText("Secret diary").first()).toBeVisible();
  await expect(page.getByText("Planted")).toHaveCount(0);
});
