/**
 * What the browser benchmarks share: the real server on a fresh database, notebooks made through
 * the real paths (the API, then a y-websocket client running model commands), and Chromium.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser } from "@playwright/test";
import WebSocket from "ws";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { buildIfNeeded } from "../build-if-needed";
import { CHROMIUM_ARGS, chromiumExecutable } from "../chromium";
import { cellOrder, deleteCell, insertCells, userOrigin, type NewCellInput } from "../../lib/notebook";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { parseDatabaseUrl, type DbConfig } from "../../lib/server/db/config";

export interface AppServer {
  readonly base: string;
  stop(): void;
}

/** Builds when needed, then runs server.ts (production) on `port` with a fresh SQLite database. */
export async function startAppServer(port: number, env: Record<string, string> = {}): Promise<AppServer> {
  buildIfNeeded(process.cwd());
  const dir = mkdtempSync(join(tmpdir(), "tandem-bench-"));
  // BENCH_SERVER_ARGS: extra node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const extra = (process.env.BENCH_SERVER_ARGS ?? "").split(/\s+/).filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...extra, "--import", "tsx", "server.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      DATABASE_URL: `file:${join(dir, "bench.db")}`,
      ...env,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("Tandem is ready")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { base: `http://localhost:${port}`, stop: () => void child.kill("SIGTERM") };
}

/** A WebSocket class for y-websocket that sends `origin` (and a session's `cookie`, if given). */
export function originSocket(origin: string, cookie?: string): typeof globalThis.WebSocket {
  class OriginWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { Origin: origin, ...(cookie ? { Cookie: cookie } : {}) } });
    }
  }
  return OriginWebSocket as unknown as typeof globalThis.WebSocket;
}

/**
 * Creates a notebook holding exactly `cells` and returns its slug. The cells go in through a real
 * collaboration client; then the room is left to empty and compact, so a page loads it from the
 * database.
 */
export async function makeNotebook(base: string, title: string, cells: readonly NewCellInput[]): Promise<string> {
  const response = await fetch(`${base}/api/notebooks`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: base },
    body: JSON.stringify({ title }),
  });
  if (response.status !== 201) throw new Error(`POST /api/notebooks: ${response.status} ${await response.text()}`);
  const { id, slug } = (await response.json()) as { id: string; slug: string };
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${base.replace(/^http/, "ws")}/collab`, id, doc, {
    WebSocketPolyfill: originSocket(base),
    disableBc: true,
  });
  await new Promise<void>((resolve) => provider.once("sync", () => resolve()));
  const origin = userOrigin("bench");
  const blank = cellOrder(doc);
  insertCells(doc, { cells }, origin);
  for (const id of blank) deleteCell(doc, id, origin);
  // Past the server's flush interval, then leave: the room compacts into a snapshot as it empties.
  await new Promise((r) => setTimeout(r, 1500));
  provider.destroy();
  doc.destroy();
  await new Promise((r) => setTimeout(r, 1000));
  return slug;
}

/**
 * Imports `ipynb` (a .ipynb file's text) through the real import route, as the home page's
 * "Import .ipynb" does, and returns the new notebook's slug. The import is stored at once, so a
 * page loads it from the database.
 */
export async function importNotebook(base: string, name: string, ipynb: string): Promise<string> {
  const response = await fetch(`${base}/api/notebooks/import?name=${encodeURIComponent(name)}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-ipynb+json", Origin: base },
    body: ipynb,
  });
  if (response.status !== 201) throw new Error(`POST /api/notebooks/import: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { slug: string }).slug;
}

export function launchChromium(): Promise<Browser> {
  const executablePath = chromiumExecutable();
  return chromium.launch({ ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS });
}

export const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
export const median = (values: readonly number[]): number => percentile([...values].sort((a, b) => a - b), 50);

/** A fresh PostgreSQL schema on `baseUrl` for one benchmark run, and how to drop it afterwards. */
export async function freshPostgresSchema(baseUrl: string): Promise<{ config: DbConfig; cleanup(): Promise<void> }> {
  const schema = `bench_${randomBytes(6).toString("hex")}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: baseUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE SCHEMA "${schema}"`);
  const url = new URL(baseUrl);
  url.searchParams.set("schema", schema);
  return { config: parseDatabaseUrl(url.toString()), cleanup: () => admin(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`) };
}
