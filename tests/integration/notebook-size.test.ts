/**
 * One size rule, through the real routes and database, with a small limit (64 KiB): a notebook is
 * as large as the .ipynb Tandem writes for it. A notebook that runs filled up to the limit exports
 * a file that imports again; a file is refused when what Tandem would write for it is over the
 * limit, even when the upload itself is smaller (a converted nbformat 3 file), naming both sizes
 * and creating nothing; and an upload far past the limit is refused before it is read.
 */
import * as Y from "yjs";
import { describe, expect, it, vi } from "vitest";
import { insertCell, userOrigin } from "@/lib/notebook";
import { documentFileBytes, outputHeadroom } from "@/lib/notebook/nbformat/file-size";
import { createRunner } from "@/lib/kernel/runner";
import type { KernelClient, KernelStatus } from "@/lib/kernel/client";
import { createStore } from "@/lib/util/store";
import { getDb } from "@/lib/server/db/client";
import { CLIENT_IP_HEADER } from "@/lib/server/http/client-ip";
import { createNotebook } from "@/lib/server/notebooks/create";
import { materializeDocument } from "@/lib/server/documents/materialize";
import { POST as importNotebook } from "@/app/api/notebooks/import/route";
import { GET as exportNotebook } from "@/app/(site)/n/[slug]/export/route";
import { testBackends } from "../support/databases";
import { useRouteDatabase } from "../support/route-database";

const ORIGIN = "http://localhost:3000";
const LIMIT = 64 * 1024;

process.env.TANDEM_AUTH_SECRET = "integration-test-secret-0123456789abcdef";
process.env.TANDEM_NOTEBOOK_CREATE_LIMIT = "100000";
process.env.TANDEM_MAX_NOTEBOOK_BYTES = String(LIMIT);

function upload(body: string, name = "Big.ipynb") {
  const headers = new Headers({ "content-type": "application/x-ipynb+json", host: "localhost:3000", origin: ORIGIN, [CLIENT_IP_HEADER]: "203.0.113.9" });
  return importNotebook(new Request(`${ORIGIN}/api/notebooks/import?name=${encodeURIComponent(name)}`, { method: "POST", headers, body }));
}

async function download(slug: string): Promise<string> {
  const response = await exportNotebook(new Request(`${ORIGIN}/n/${slug}/export?format=ipynb`), { params: Promise.resolve({ slug }) });
  expect(response.status).toBe(200);
  return response.text();
}

/** A kernel whose every run prints `lines` lines of 100 characters. */
function printingKernel(lines: number): KernelClient {
  const info = { python: "3.14.0", pyodide: "314.0.7", interruptible: true, start: "fresh" as const };
  return {
    status: createStore<KernelStatus>({ phase: "idle", info, notice: null }),
    async run(_code, _filename, onEvent) {
      for (let i = 0; i < lines; i++) onEvent({ type: "stream", runId: "k", name: "stdout", text: `${String(i).padStart(4, "0")} ${"x".repeat(95)}\n` });
      return "ok";
    },
    interrupt: vi.fn(),
    restart: vi.fn(),
    answerInput: vi.fn(),
    dispose: vi.fn(),
  };
}

/** A notebook whose runs printed until they could keep no more. */
async function filledByRuns(): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const ids = ["print(a)", "print(b)", "print(c)"].map((source) => insertCell(doc, { type: "code", source }, userOrigin("me")));
  const runner = createRunner({ doc, kernel: printingKernel(300), user: () => ({ name: "Ada", color: "#aa00aa" }), maxNotebookBytes: LIMIT });
  for (const id of ids) {
    const ended = new Promise<void>((resolve) => {
      const stop = runner.state.subscribe(() => {
        const state = runner.state.get().cells.get(id)?.state;
        if (state && state !== "queued" && state !== "running") {
          stop();
          resolve();
        }
      });
    });
    runner.run([id]);
    await ended;
  }
  expect(runner.state.get().full?.limit).toBe(LIMIT);
  runner.dispose();
  return doc;
}

/** An nbformat 3 file, written compactly, of `cells` small code cells. */
function compactV3(cells: number): string {
  const cell = (i: number) => ({ cell_type: "code", input: [`x = ${i}`], language: "python", metadata: {}, outputs: [], prompt_number: i });
  return JSON.stringify({ nbformat: 3, nbformat_minor: 0, metadata: { name: "Old" }, worksheets: [{ cells: Array.from({ length: cells }, (_, i) => cell(i)), metadata: {} }] });
}

for (const backend of testBackends()) {
  describe(`the notebook size limit on ${backend.name}`, () => {
    useRouteDatabase(backend);

    it("exports a notebook that runs filled to its limit as a file that imports again, the same", async () => {
      const doc = await filledByRuns();
      const made = await createNotebook(getDb(), { title: "Full", stored: materializeDocument(doc) }, null);
      if (!made.ok) throw new Error(made.message);
      const exported = await download(made.value.slug);
      const bytes = Buffer.byteLength(exported, "utf8");
      expect(bytes).toBe(documentFileBytes(doc));
      expect(bytes).toBeLessThanOrEqual(LIMIT);
      // Filled up to the headroom a run's record and end need (outputHeadroom), and no further.
      expect(bytes).toBeGreaterThan(LIMIT - outputHeadroom(LIMIT) - 1024);

      const again = await upload(exported, "Full.ipynb");
      expect(again.status, await again.clone().text()).toBe(201);
      expect(await download(((await again.json()) as { slug: string }).slug)).toBe(exported);
    });

    it("imports a file whose written form is exactly the limit, and refuses one byte more, naming both sizes", async () => {
      const file = (padding: number) =>
        JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ id: "a", cell_type: "markdown", metadata: {}, source: "y".repeat(padding) }] });
      // From one character on, the written form grows byte for byte with the padding: find the padding that makes it LIMIT.
      const base = await upload(file(1));
      expect(base.status).toBe(201);
      const baseBytes = Buffer.byteLength(await download(((await base.json()) as { slug: string }).slug), "utf8");
      const atLimit = await upload(file(LIMIT - baseBytes + 1));
      expect(atLimit.status).toBe(201);
      expect(Buffer.byteLength(await download(((await atLimit.json()) as { slug: string }).slug), "utf8")).toBe(LIMIT);

      const before = await getDb().notebook.count();
      const over = await upload(file(LIMIT - baseBytes + 2));
      expect(over.status).toBe(413);
      expect(((await over.json()) as { message: string }).message).toBe(
        "That file is too large to import. This notebook would be 65 KiB as a .ipynb file; a notebook may be at most 64 KiB. Clear large outputs (images, long printouts) and try again.",
      );
      expect(await getDb().notebook.count()).toBe(before);
    });

    it("refuses a converted nbformat 3 file whose upload is under the limit but whose written form is over, creating nothing", async () => {
      const before = await getDb().notebook.count();
      const text = compactV3(600);
      expect(Buffer.byteLength(text, "utf8")).toBeLessThan(LIMIT);
      const response = await upload(text, "Old.ipynb");
      expect(response.status).toBe(413);
      const { code, message } = (await response.json()) as { code: string; message: string };
      expect(code).toBe("too_large");
      expect(message).toMatch(/^That file is too large to import\. This notebook would be \d+ KiB as a \.ipynb file; a notebook may be at most 64 KiB\. Clear large outputs/);
      expect(await getDb().notebook.count()).toBe(before);
      // A smaller one of the same kind imports.
      expect((await upload(compactV3(100), "Old.ipynb")).status).toBe(201);
    });

    it("refuses an upload over twice the limit before reading it, saying the one limit", async () => {
      const before = await getDb().notebook.count();
      const response = await upload(" ".repeat(2 * LIMIT + 1));
      expect(response.status).toBe(413);
      expect(((await response.json()) as { message: string }).message).toBe("That file is larger than the 64 KiB a notebook may be (as a .ipynb file).");
      // Up to twice the limit is read: a roomier layout of a notebook within the limit imports.
      const roomy = JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ id: "a", cell_type: "markdown", metadata: {}, source: "z".repeat(40_000) }] }, null, 40);
      expect(Buffer.byteLength(roomy)).toBeLessThan(2 * LIMIT);
      expect((await upload(roomy + " ".repeat(LIMIT))).status).toBe(201);
      expect(await getDb().notebook.count()).toBe(before + 1);
    });
  });
}
