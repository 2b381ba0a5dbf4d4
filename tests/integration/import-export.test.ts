/**
 * Import and export through the real routes and database: a Jupyter file becomes a notebook and
 * comes back out as valid nbformat 4.5 (and as a script); bad uploads (not JSON, the wrong schema,
 * too large, cross-site) are refused with a message that says what is wrong, and create nothing;
 * a private notebook's export is a 404, the same as a notebook that does not exist.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { validateStrict } from "@/lib/notebook";
import { getDb } from "@/lib/server/db/client";
import { CLIENT_IP_HEADER } from "@/lib/server/http/client-ip";
import { createNotebook } from "@/lib/server/notebooks/create";
import { POST as importNotebook } from "@/app/api/notebooks/import/route";
import { GET as exportNotebook } from "@/app/(site)/n/[slug]/export/route";
import { projectRoot, testBackends } from "../support/databases";
import { useRouteDatabase } from "../support/route-database";

const ORIGIN = "http://localhost:3000";
const fixture = (name: string) => readFileSync(path.join(projectRoot, "tests/fixtures/notebooks", name), "utf8");

process.env.TANDEM_AUTH_SECRET = "integration-test-secret-0123456789abcdef";
process.env.TANDEM_NOTEBOOK_CREATE_LIMIT = "100000";

function upload(body: string | Uint8Array<ArrayBuffer>, name = "Lesson 1.ipynb", origin: string | null = ORIGIN) {
  const headers = new Headers({ "content-type": "application/x-ipynb+json", host: "localhost:3000", [CLIENT_IP_HEADER]: "203.0.113.9" });
  if (origin !== null) headers.set("origin", origin);
  return importNotebook(new Request(`${ORIGIN}/api/notebooks/import?name=${encodeURIComponent(name)}`, { method: "POST", headers, body }));
}

function download(slug: string, format = "ipynb") {
  return exportNotebook(new Request(`${ORIGIN}/n/${slug}/export?format=${format}`), { params: Promise.resolve({ slug }) });
}

for (const backend of testBackends()) {
  describe(`import and export on ${backend.name}`, () => {
    useRouteDatabase(backend);

    it("imports a Jupyter notebook and exports it as valid nbformat 4.5 with its outputs", async () => {
      const original = JSON.parse(fixture("lab-4.4-widgets.ipynb")) as { cells: { cell_type: string; source: string | string[] }[] };
      const response = await upload(fixture("lab-4.4-widgets.ipynb"));
      expect(response.status).toBe(201);
      const { slug } = (await response.json()) as { slug: string };
      expect((await getDb().notebook.findUniqueOrThrow({ where: { slug } })).title).toBe("Lesson 1");

      const exported = await download(slug);
      expect(exported.status).toBe(200);
      expect(exported.headers.get("content-disposition")).toContain('filename="Lesson 1.ipynb"');
      const nb = JSON.parse(await exported.text()) as unknown;
      const strict = validateStrict(nb);
      expect(strict.ok, strict.ok ? "" : strict.message).toBe(true);
      if (!strict.ok) return;
      expect(strict.value.nbformat_minor).toBe(5);
      const join = (s: string | string[]) => (Array.isArray(s) ? s.join("") : s);
      expect(strict.value.cells.map((c) => [c.cell_type, join(c.source)])).toEqual(original.cells.map((c) => [c.cell_type, join(c.source)]));
      const code = strict.value.cells.find((c) => c.cell_type === "code");
      expect(code && "outputs" in code ? code.outputs.length : 0).toBeGreaterThan(0);

      const script = await download(slug, "py");
      expect(script.headers.get("content-type")).toContain("text/x-python");
      expect(script.headers.get("content-disposition")).toContain('filename="Lesson 1.py"');
      const text = await script.text();
      expect(text).toMatch(/^# ---\n# jupyter:\n#   jupytext:\n#     text_representation:\n#       extension: \.py\n#       format_name: percent\n/);
      expect(text).toContain('\n# %% jupyter={"source_hidden": true}\nimport ipywidgets as w\nw.IntSlider(value=3)\n');

      // The script imports back as a notebook with the same cells (jupytext's percent format).
      const again = await upload(text, "Lesson 1.py");
      expect(again.status).toBe(201);
      const back = JSON.parse(await (await download(((await again.json()) as { slug: string }).slug)).text()) as typeof original;
      expect(back.cells.map((c) => [c.cell_type, join(c.source)])).toEqual(original.cells.map((c) => [c.cell_type, join(c.source)]));
    });

    it("imports a percent-format script of another language, and exports it with its extension", async () => {
      const script = "# ---\n# jupyter:\n#   kernelspec:\n#     display_name: R\n#     language: R\n#     name: ir\n# ---\n\n# %% [markdown]\n# Hello\n\n# %%\nx <- 1\n";
      const response = await upload(script, "Stats.R");
      expect(response.status).toBe(201);
      const { slug } = (await response.json()) as { slug: string };
      expect((await getDb().notebook.findUniqueOrThrow({ where: { slug } })).title).toBe("Stats");
      const exported = await download(slug, "py");
      expect(exported.headers.get("content-disposition")).toContain('filename="Stats.R"');
      expect(await exported.text()).toContain("#   kernelspec:\n#     display_name: R\n#     language: R\n#     name: ir\n# ---\n\n# %% [markdown]\n# Hello\n\n# %%\nx <- 1\n");

      const bad = await upload("# ---\n# jupyter:\n#   kernelspec: [unclosed\n# ---\n", "bad.py");
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { message: string }).message).toContain("percent-format script");
    });

    it("keeps an output type it does not know through import and export, as nbformat asks of readers", async () => {
      const response = await upload(fixture("jupyter-classic-4.2.ipynb"), "classic.ipynb");
      expect(response.status).toBe(201);
      const { slug } = (await response.json()) as { slug: string };
      const nb = JSON.parse(await (await download(slug)).text()) as { nbformat_minor: number; cells: { outputs?: { output_type: string }[] }[] };
      expect(nb.nbformat_minor).toBe(5);
      expect(nb.cells.flatMap((c) => c.outputs ?? []).map((o) => o.output_type)).toContain("widget_state");
    });

    it("refuses what is not a notebook, says what is wrong, and creates nothing", async () => {
      const before = await getDb().notebook.count();

      const notJson = await upload('{"cells": [,]}');
      expect(notJson.status).toBe(400);
      expect(((await notJson.json()) as { message: string }).message).toMatch(/not valid JSON \(line 1, column \d+\)/);

      const wrong = JSON.parse(fixture("minimal-4.0.ipynb")) as { cells: Record<string, unknown>[] };
      // What nbformat would only warn about is repaired (jupyter-reads.test.ts); a source that is not text is not.
      wrong.cells = [{ cell_type: "code", source: 42, metadata: {}, outputs: [] }];
      const badSchema = await upload(JSON.stringify(wrong));
      expect(badSchema.status).toBe(400);
      const message = ((await badSchema.json()) as { message: string }).message;
      expect(message).toContain("cells[0]");
      expect(message).toMatch(/up to 10 MiB/);

      const v1 = await upload(JSON.stringify({ nbformat: 1, nbformat_minor: 0, cells: [], metadata: {} }));
      expect(v1.status).toBe(400);
      expect(((await v1.json()) as { message: string }).message).toMatch(/not an nbformat 4 notebook \(nbformat is 1\)/);
      const v3 = await upload(JSON.stringify({ nbformat: 3, nbformat_minor: 0, metadata: {} }));
      expect(v3.status).toBe(400);
      expect(((await v3.json()) as { message: string }).message).toMatch(/worksheets: an nbformat 3 notebook keeps its cells in worksheets/);

      // The upload may be twice the limit (another tool's layout can be roomier); past that it is not read.
      const huge = new Uint8Array(2 * 10 * 1024 * 1024 + 1).fill(32);
      const tooLarge = await upload(huge);
      expect(tooLarge.status).toBe(413);
      expect(((await tooLarge.json()) as { message: string }).message).toMatch(/larger than the 10 MiB/);

      for (const origin of ["null", "https://evil.example"]) expect((await upload(fixture("minimal-4.0.ipynb"), "x.ipynb", origin)).status).toBe(403);

      expect(await getDb().notebook.count()).toBe(before);
    });

    it("refuses files nested too deep or with too many outputs, naming where, and creates nothing", async () => {
      const before = await getDb().notebook.count();
      const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
      const notebook = (metadata: string, outputs = "[]") =>
        `{"nbformat": 4, "nbformat_minor": 5, "metadata": ${metadata}, "cells": [{"id": "a", "cell_type": "code", "metadata": {}, "source": "", "execution_count": null, "outputs": ${outputs}}]}`;
      const refusal = async (body: string) => {
        const response = await upload(body);
        expect(response.status).toBe(400);
        return ((await response.json()) as { message: string }).message;
      };

      for (const depth of [5_000, 100_000]) {
        expect(await refusal(notebook(`{"deep": ${nested(depth)}}`))).toMatch(/^That file is not a notebook[^]*\nmetadata\.deep\[0\]\[0\].*: nested deeper than 100 levels$/);
        const output = `[{"output_type": "display_data", "metadata": {}, "data": {"application/json": ${nested(depth)}}}]`;
        expect(await refusal(notebook("{}", output))).toMatch(/\ncells\[0\]\.outputs\[0\]\.data\.application\/json\[0\].*: nested deeper than 100 levels$/);
        // Cut short (not JSON at all), the same nesting is refused the same way, before any parser sees it.
        expect(await refusal(`{"deep": ${"[".repeat(depth)}`)).toMatch(/\ndeep\[0\]\[0\].*: nested deeper than 100 levels$/);
      }

      // 200,000 of the smallest outputs fit under the 10 MiB upload limit.
      const outputs = `[${Array.from({ length: 200_000 }, () => '{"output_type":"stream","name":"o","text":""}').join(",")}]`;
      expect(await refusal(notebook("{}", outputs))).toMatch(/\ncells\[0\]\.outputs: has 200000 outputs; a cell may have at most 5000$/);

      expect(await getDb().notebook.count()).toBe(before);
    });

    it("answers 404 for a private notebook's export, as for one that does not exist", async () => {
      const owner = await getDb().user.create({ data: { name: "Owner", email: `owner-${backend.name}@example.com` } });
      const made = await createNotebook(getDb(), { title: "Secret", visibility: "private", ownerId: owner.id }, owner);
      if (!made.ok) throw new Error(made.message);
      const hidden = await download(made.value.slug);
      const missing = await download("no-such-notebook");
      expect(hidden.status).toBe(404);
      expect(missing.status).toBe(404);
      expect(await hidden.text()).toBe(await missing.text());
      expect((await download(made.value.slug, "exe")).status).toBe(400);
    });
  });
}
