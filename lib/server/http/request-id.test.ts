import { createServer } from "node:http";
import { describe, expect, it } from "vitest";
import { createLogger } from "../log";
import { requestIdFrom, requestIdOf, stampRequestId } from "./request-id";
import { logRequest } from "./request-log";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("request ids", () => {
  it("keeps a well-formed id from the proxy", () => {
    for (const id of ["proxy-id-42", "0f8fad5b-d9cb-469f-a165-70867728950e", "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6", "req:1.2_3", "x".repeat(128)]) {
      expect(requestIdFrom(id)).toBe(id);
    }
    expect(requestIdFrom("  padded-id ")).toBe("padded-id");
  });

  it("makes a new one when the header is absent or malformed (too long, spaces, line breaks, quotes, repeated)", () => {
    for (const bad of [undefined, "", "x".repeat(129), "two words", "forged\n{\"level\":\"error\"}", "a\rb", '"quoted"', "-leading-dash", "ünïcode", ["a", "b"]]) {
      const id = requestIdFrom(bad);
      expect(id, JSON.stringify(bad)).toMatch(UUID);
    }
    expect(requestIdFrom(undefined)).not.toBe(requestIdFrom(undefined));
  });

  it("is echoed on the response and written onto the request for whoever reads it next", async () => {
    const seen: (string | undefined)[] = [];
    const server = createServer((req, res) => {
      stampRequestId(req, res);
      seen.push(requestIdOf(req));
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const echoed = await fetch(base, { headers: { "x-request-id": "from-the-proxy" } });
      expect(echoed.headers.get("x-request-id")).toBe("from-the-proxy");
      const made = await fetch(base);
      expect(made.headers.get("x-request-id")).toMatch(UUID);
      const replaced = await fetch(base, { headers: { "x-request-id": "no good" } });
      expect(replaced.headers.get("x-request-id")).toMatch(UUID);
      expect(seen).toEqual(["from-the-proxy", made.headers.get("x-request-id"), replaced.headers.get("x-request-id")]);
    } finally {
      server.close();
    }
  });

  it("names the request in its log line: id, method, path without the query, status", async () => {
    const lines: string[] = [];
    const log = createLogger({ json: true, sink: { out: (line) => lines.push(line), err: (line) => lines.push(line) } });
    const server = createServer((req, res) => {
      logRequest(log, req, res, stampRequestId(req, res));
      res.writeHead(req.url?.startsWith("/missing") ? 404 : 200).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      await fetch(`${base}/missing/page?token=secret-in-query`, { headers: { "x-request-id": "from-the-proxy" } });
      await fetch(`${base}/ok`, { method: "POST", body: "x" });
      while (lines.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    } finally {
      server.close();
    }
    const [first, second] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(first).toMatchObject({ level: "info", msg: "request", requestId: "from-the-proxy", method: "GET", path: "/missing/page", status: 404, finished: true });
    expect(second).toMatchObject({ method: "POST", path: "/ok", status: 200 });
    expect(second!.requestId).toMatch(UUID);
    expect(typeof first!.ms).toBe("number");
    expect(lines.join("\n")).not.toContain("secret-in-query");
  });
});
