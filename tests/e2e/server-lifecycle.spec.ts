/**
 * The server as a process: it starts from an empty data directory, stops cleanly on SIGTERM,
 * keeps every row across a restart, and refuses to start (non-zero, naming the file) on bad input
 * without changing anything.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import WebSocket from "ws";
import { startServer, stop, waitUntilReady } from "./support/server-process";

test.describe.configure({ mode: "serial" });

let port = 3200 + Math.floor(Math.random() * 500);
const nextPort = () => String(port++);

function rows(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return {
      notebooks: db.prepare("SELECT id, slug, updatedAt FROM Notebook ORDER BY id").all(),
      lessons: db.prepare("SELECT slug, contentHash, updatedAt FROM Lesson ORDER BY slug").all(),
      documents: db.prepare("SELECT notebookId, length(snapshot) AS bytes FROM NotebookDocument ORDER BY notebookId").all(),
      migrations: db.prepare("SELECT migration_name FROM _prisma_migrations ORDER BY migration_name").all(),
    };
  } finally {
    db.close();
  }
}

test("starts on an empty data directory, stops on SIGTERM, and restarts with every row kept", async () => {
  const dir = mkdtempSync(join(tmpdir(), "tandem-life-"));
  const file = join(dir, "nested", "tandem.db");
  const env = { PORT: nextPort(), DATABASE_URL: `file:${file}` };

  const first = startServer(env);
  await waitUntilReady(first);
  expect(first.output()).toMatch(/Lessons: 1 new/);
  const health = await fetch(`http://localhost:${env.PORT}/api/health`);
  expect(await health.json()).toEqual({ ok: true });
  expect(await stop(first), first.output()).toBe(0);
  expect(first.output()).toContain("Stopped cleanly.");

  const before = rows(file);
  expect(before.lessons).toHaveLength(1);
  expect(before.migrations.length).toBeGreaterThan(0);

  const second = startServer(env);
  await waitUntilReady(second);
  expect(second.output()).toMatch(/Lessons: 0 new, 0 updated, 1 unchanged/);
  expect(second.output()).toContain("Database schema is up to date.");
  expect(await stop(second, "SIGINT"), second.output()).toBe(0);
  expect(rows(file)).toEqual(before);
});

test("the collaboration endpoint checks Origin and the notebook before upgrading", async () => {
  const dir = mkdtempSync(join(tmpdir(), "tandem-collab-"));
  const env = { PORT: nextPort(), DATABASE_URL: `file:${join(dir, "t.db")}` };
  const run = startServer(env);
  try {
    await waitUntilReady(run);
    const { notebooks } = rows(join(dir, "t.db"));
    const id = (notebooks[0] as { id: string }).id;
    const origin = `http://localhost:${env.PORT}`;
    const open = (path: string, headers: Record<string, string>) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(`ws://localhost:${env.PORT}${path}`, { headers });
        ws.on("unexpected-response", (_req, res) => resolve(`HTTP ${res.statusCode}`));
        ws.on("message", () => {
          ws.close();
          resolve("synced");
        });
        ws.on("error", (e) => resolve(`error ${e.message}`));
      });
    expect(await open(`/collab/${id}`, { Origin: "https://evil.example" })).toBe("HTTP 403");
    expect(await open(`/collab/${id}`, {})).toBe("HTTP 403");
    expect(await open(`/collab/not-a-notebook`, { Origin: origin })).toBe("HTTP 404");
    expect(await open(`/collab/${id}`, { Origin: origin })).toBe("synced");
  } finally {
    await stop(run);
  }
});

test("a seed notebook that is not valid nbformat stops start-up and names the file", async () => {
  const dir = mkdtempSync(join(tmpdir(), "tandem-badseed-"));
  const seeds = join(dir, "seeds");
  mkdirSync(seeds);
  copyFileSync("notebooks/python-internals.ipynb", join(seeds, "python-internals.ipynb"));
  writeFileSync(join(seeds, "broken.ipynb"), JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: "code" }] }));
  const run = startServer({ PORT: nextPort(), DATABASE_URL: `file:${join(dir, "t.db")}`, TANDEM_SEED_DIR: seeds });
  expect(await run.exited).toBe(1);
  expect(run.output()).toContain("broken.ipynb");
  expect(run.output()).toMatch(/cells\[0\]/);
  // Nothing was loaded, not even the good file.
  expect(rows(join(dir, "t.db")).lessons).toHaveLength(0);
});

test("a setting that does not parse stops start-up before anything happens, naming the variable", async () => {
  const dir = mkdtempSync(join(tmpdir(), "tandem-badsetting-"));
  const run = startServer({ PORT: nextPort(), DATABASE_URL: `file:${join(dir, "t.db")}`, TANDEM_NOTEBOOK_CREATE_LIMIT: "3O" });
  expect(await run.exited).toBe(1);
  expect(run.output()).toMatch(/Tandem could not start.*TANDEM_NOTEBOOK_CREATE_LIMIT must be a whole number/s);
  expect(run.output()).not.toContain("Database:");
  expect(existsSync(join(dir, "t.db"))).toBe(false);
});

test("a corrupt database file stops start-up with a clear message and is left untouched", async () => {
  const dir = mkdtempSync(join(tmpdir(), "tandem-corrupt-"));
  const file = join(dir, "tandem.db");
  const garbage = Buffer.from("this is not a database, just some bytes ".repeat(200));
  writeFileSync(file, garbage);
  const run = startServer({ PORT: nextPort(), DATABASE_URL: `file:${file}` });
  expect(await run.exited).toBe(1);
  expect(run.output()).toContain(file);
  expect(run.output()).toMatch(/not a (SQLite )?database/i);
  expect(readFileSync(file).equals(garbage)).toBe(true);
});
