/**
 * The app's edges, against the real server as a process (two of them: one straight on the
 * network, one behind a trusted proxy): limits that hold whatever the encoding, client addresses
 * and origins that a client cannot choose, bodies limited before they are read, oversized frames
 * closed with 1009, connections limited per address and closed by signing out.
 */
import { request as httpRequest } from "node:http";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import WebSocket from "ws";
import { CLOSE, COLLAB_PROTOCOL_VERSION, MAX_FRAME_BYTES } from "@/lib/protocol/collab";
import { createNotebook } from "./support/collab-client";
import { startServer, stop, waitUntilReady, type ServerRun } from "./support/server-process";

test.describe.configure({ mode: "serial" });

let port = 3900 + Math.floor(Math.random() * 90);
let direct: { run: ServerRun; base: string };
let proxied: { run: ServerRun; base: string };

async function start(env: Record<string, string>): Promise<{ run: ServerRun; base: string }> {
  const dir = mkdtempSync(join(tmpdir(), "tandem-edges-"));
  const p = String(port++);
  const run = startServer({ PORT: p, DATABASE_URL: `file:${join(dir, "t.db")}`, ...env });
  await waitUntilReady(run);
  return { run, base: `http://localhost:${p}` };
}

test.beforeAll(async () => {
  [direct, proxied] = await Promise.all([
    start({ TANDEM_SOCKETS_PER_ADDRESS: "6" }),
    start({ TANDEM_TRUST_PROXY: "1", TANDEM_SIGNIN_ADDRESS_LIMIT: "5", TANDEM_SIGNUP_ADDRESS_LIMIT: "3" }),
  ]);
});

test.afterAll(async () => {
  await Promise.all([direct, proxied].filter(Boolean).map((s) => stop(s.run)));
});

function post(base: string, path: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}${path}`, { method: "POST", headers: { origin: base, "content-type": "application/json", ...headers }, body });
}

async function signUp(base: string, name: string, headers: Record<string, string> = {}): Promise<{ email: string; cookie: string }> {
  const email = `${name.toLowerCase()}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
  const res = await post(base, "/api/auth/sign-up/email", JSON.stringify({ email, password: "a long enough password", name }), headers);
  expect(res.status).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .join("; ");
  return { email, cookie };
}

test("sign-in limits hold for every body encoding better-auth reads", async () => {
  const { email } = await signUp(direct.base, "Lock");
  for (let i = 0; i < 5; i++) {
    expect((await post(direct.base, "/api/auth/sign-in/email", JSON.stringify({ email, password: "wrong password" }))).status).toBe(401);
  }
  expect((await post(direct.base, "/api/auth/sign-in/email", JSON.stringify({ email, password: "wrong password" }))).status).toBe(429);
  // Form-encoded and multipart bodies are refused before they are read as a sign-in, the right
  // password included: they neither guess nor sign in to the locked account.
  const form = new URLSearchParams({ email, password: "a long enough password" }).toString();
  for (let i = 0; i < 10; i++) {
    const res = await post(direct.base, "/api/auth/sign-in/email", form, { "content-type": "application/x-www-form-urlencoded" });
    expect(res.status).toBe(415);
    expect(res.headers.getSetCookie()).toEqual([]);
  }
  const multipart = new FormData();
  multipart.set("email", email);
  multipart.set("password", "a long enough password");
  const res = await fetch(`${direct.base}/api/auth/sign-in/email`, { method: "POST", headers: { origin: direct.base }, body: multipart });
  expect(res.status).toBe(415);
  expect(((await res.json()) as { message: string }).message).toMatch(/JSON/);
});

test("behind a trusted proxy, the address is the one the proxy saw, not the client's claim", async () => {
  // The client writes a new first address each time; our proxy appends the one it saw.
  const proxyHeaders = (i: number) => ({ "x-forwarded-for": `10.9.${i}.1, 192.0.2.77` });
  for (let i = 0; i < 5; i++) {
    const res = await post(proxied.base, "/api/auth/sign-in/email", JSON.stringify({ email: `nobody-${i}@example.com`, password: "guess" }), proxyHeaders(i));
    expect(res.status).toBe(401);
  }
  const limited = await post(proxied.base, "/api/auth/sign-in/email", JSON.stringify({ email: "else@example.com", password: "guess" }), proxyHeaders(99));
  expect(limited.status).toBe(429);
  // Sign-ups likewise (3 per address here).
  for (let i = 0; i < 3; i++) await signUp(proxied.base, `Proxy${i}`, { "x-forwarded-for": `10.8.${i}.1, 192.0.2.78` });
  const more = await post(proxied.base, "/api/auth/sign-up/email", JSON.stringify({ email: "late@example.com", password: "a long enough password", name: "Late" }), { "x-forwarded-for": "10.8.9.1, 192.0.2.78" });
  expect(more.status).toBe(429);
  // Another address the proxy saw is not limited.
  expect((await post(proxied.base, "/api/auth/sign-in/email", JSON.stringify({ email: "else@example.com", password: "guess" }), { "x-forwarded-for": "192.0.2.99" })).status).toBe(401);
});

test("no header puts another site into oEmbed answers or discovery links", async () => {
  // A lesson: public, so embeddable (a new notebook's link edits, and such a one never is).
  const slug = "python-internals";
  const headers = { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https", host: "evil.example" };
  const oembed = await fetch(`${direct.base}/api/oembed?url=${encodeURIComponent(`http://evil.example/n/${slug}`)}`, { headers });
  // A URL on another site is not ours to embed, whatever the request's headers claim.
  expect(oembed.status).toBe(404);
  const ours = await fetch(`${direct.base}/api/oembed?url=${encodeURIComponent(`${direct.base}/n/${slug}`)}`, { headers });
  expect(ours.status).toBe(200);
  const json = (await ours.json()) as { html: string };
  expect(json.html).toContain(`src="${direct.base}/embed/${slug}`);
  expect(json.html).not.toContain("evil.example");
  const page = await (await fetch(`${direct.base}/n/${slug}`, { headers })).text();
  expect(page).toContain(`${direct.base}/api/oembed?url=`);
  expect(page).not.toContain("evil.example");
  // A state-changing request from the same host on another scheme or port is cross-site.
  for (const origin of [direct.base.replace("http:", "https:"), `${direct.base}1`, "http://localhost"]) {
    expect((await post(direct.base, "/api/notebooks", "{}", { origin })).status).toBe(403);
  }
});

/** Sends a request whose head declares `length` bytes, writes `sent` of them, and reads the answer. */
function declared(base: string, path: string, headers: Record<string, string>, sent: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method: "POST", headers: { origin: base, ...headers } }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    if (sent > 0) req.write(Buffer.alloc(sent, 0x20));
    // Never finish a body that claims more than was sent: the answer must come without it.
    if (headers["content-length"] === undefined || Number(headers["content-length"]) === sent) req.end();
  });
}

test("bodies are limited before anything reads them: 413 over the limit, 411 without a length", async () => {
  const huge = await declared(direct.base, "/api/auth/sign-in/email", { "content-type": "application/json", "content-length": String(250 * 1024 * 1024) }, 64 * 1024);
  expect(huge.status).toBe(413);
  expect(JSON.parse(huge.body)).toMatchObject({ code: "too_large" });
  const notebook = await declared(direct.base, "/api/notebooks", { "content-type": "application/json", "content-length": String(100 * 1024 * 1024) }, 1024);
  expect(notebook.status).toBe(413);
  // An upload may be twice the notebook limit (http/body-limit.ts); the refusal names the one limit.
  const file = await declared(direct.base, "/api/notebooks/import", { "content-type": "application/json", "content-length": String(21 * 1024 * 1024) }, 1024);
  expect(file.status).toBe(413);
  expect(JSON.parse(file.body).message).toMatch(/10 MiB/);
  const chunked = await declared(direct.base, "/api/notebooks", { "content-type": "application/json", "transfer-encoding": "chunked" }, 2);
  expect(chunked.status).toBe(411);
  // The server is still answering.
  expect((await fetch(`${direct.base}/api/health`)).status).toBe(200);
});

function socket(base: string, notebookId: string, cookie?: string): WebSocket {
  return new WebSocket(`${base.replace(/^http/, "ws")}/collab/${notebookId}`, { headers: { origin: base, ...(cookie ? { cookie } : {}) } });
}

const opened = (ws: WebSocket) =>
  new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    ws.once("error", reject);
  });
const closed = (ws: WebSocket) => new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));

test("an oversized frame closes its connection with 1009", async () => {
  const { id } = await createNotebook(direct.base, { title: "Frames" });
  for (let i = 0; i < 3; i++) {
    const ws = socket(direct.base, id);
    await opened(ws);
    const code = closed(ws);
    ws.send(Buffer.alloc(MAX_FRAME_BYTES + 1, 1));
    expect(await code).toBe(CLOSE.tooBig);
  }
});

test("a page that speaks another protocol version is told so (4426), and the current one connects", async () => {
  const { id } = await createNotebook(direct.base, { title: "Versions" });
  const stale = new WebSocket(`${direct.base.replace(/^http/, "ws")}/collab/${id}?v=${COLLAB_PROTOCOL_VERSION + 1}`, { headers: { origin: direct.base } });
  expect(await closed(stale)).toBe(CLOSE.protocolVersion);
  const current = new WebSocket(`${direct.base.replace(/^http/, "ws")}/collab/${id}?v=${COLLAB_PROTOCOL_VERSION}`, { headers: { origin: direct.base } });
  await opened(current);
  current.close();
});

test("one address holds a bounded number of connections", async () => {
  const { id } = await createNotebook(direct.base, { title: "Sockets" });
  const sockets = Array.from({ length: 6 }, () => socket(direct.base, id));
  await Promise.all(sockets.map(opened));
  const extra = socket(direct.base, id);
  await expect(opened(extra)).rejects.toThrow(/429/);
  // A closed one makes room again.
  const gone = closed(sockets[0]!);
  sockets[0]!.close();
  await gone;
  await expect
    .poll(async () => {
      const again = socket(direct.base, id);
      try {
        await opened(again);
        sockets[0] = again;
        return true;
      } catch {
        return false;
      }
    })
    .toBe(true);
  for (const ws of sockets) ws.close();
});

test("signing out closes that session's connections; a changed name keeps the sign-up rule", async () => {
  const { cookie } = await signUp(direct.base, "Leaver");
  const { id } = await createNotebook(direct.base, { title: "Signed out" });
  const ws = socket(direct.base, id, cookie);
  await opened(ws);
  const code = closed(ws);
  expect((await post(direct.base, "/api/auth/sign-out", "{}", { cookie })).status).toBe(200);
  expect(await code).toBe(CLOSE.accessChanged);

  const other = await signUp(direct.base, "Renamer");
  const long = `<b>${"x".repeat(10_000)}</b>`;
  const res = await post(direct.base, "/api/auth/update-user", JSON.stringify({ name: long }), { cookie: other.cookie });
  expect(res.status).toBe(200);
  const session = (await (await fetch(`${direct.base}/api/auth/get-session`, { headers: { cookie: other.cookie } })).json()) as { user: { name: string } };
  expect([...session.user.name].length).toBeLessThanOrEqual(40);
  const blank = await post(direct.base, "/api/auth/update-user", JSON.stringify({ name: "   " }), { cookie: other.cookie });
  expect(blank.status).toBe(400);
});
