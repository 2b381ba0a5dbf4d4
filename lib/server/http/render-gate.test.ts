import { EventEmitter } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it, vi } from "vitest";
import { createRenderGate, isPageRender } from "./render-gate";

const request = (url: string, headers: Record<string, string> = { accept: "text/html,*/*" }, method = "GET") =>
  ({ url, method, headers }) as unknown as IncomingMessage;

class FakeResponse extends EventEmitter {
  destroyed = false;
  writableEnded = false;
  finish() {
    this.writableEnded = true;
    this.emit("finish");
  }
}
const response = () => new FakeResponse() as FakeResponse & ServerResponse;

describe("isPageRender", () => {
  it("is a page document or a React Server Components request, never an asset or an API route", () => {
    expect(isPageRender(request("/n/abc"))).toBe(true);
    expect(isPageRender(request("/n/abc", { rsc: "1", accept: "*/*" }))).toBe(true);
    expect(isPageRender(request("/library?page=2", { accept: "*/*" }))).toBe(true);
    expect(isPageRender(request("/n/abc/state", { accept: "*/*" }))).toBe(false);
    expect(isPageRender(request("/n/abc/export?format=ipynb"))).toBe(false);
    expect(isPageRender(request("/embed.js"))).toBe(false);
    expect(isPageRender(request("/api/health"))).toBe(false);
    expect(isPageRender(request("/_next/static/chunks/a.js"))).toBe(false);
    expect(isPageRender(request("/n/abc", { accept: "text/html" }, "POST"))).toBe(false);
  });
});

describe("createRenderGate", () => {
  it("runs `limit` renders at once and starts the next as one finishes or closes", () => {
    const gate = createRenderGate(2);
    const started: number[] = [];
    const responses = [0, 1, 2, 3].map(() => response());
    responses.forEach((res, i) => gate.enter(request(`/n/${i}`), res, () => started.push(i)));
    expect(started).toEqual([0, 1]);
    expect(gate.waiting).toBe(2);
    responses[0]!.finish();
    expect(started).toEqual([0, 1, 2]);
    responses[1]!.emit("close");
    expect(started).toEqual([0, 1, 2, 3]);
    expect(gate.running).toBe(2);
  });

  it("lets everything else through at once", () => {
    const gate = createRenderGate(1);
    const started: string[] = [];
    gate.enter(request("/n/a"), response(), () => started.push("page"));
    gate.enter(request("/n/b"), response(), () => started.push("second page"));
    gate.enter(request("/api/health", { accept: "*/*" }), response(), () => started.push("health"));
    gate.enter(request("/n/a/state", { accept: "*/*" }), response(), () => started.push("state"));
    expect(started).toEqual(["page", "health", "state"]);
  });

  it("skips a waiting request whose client has gone", () => {
    const gate = createRenderGate(1);
    const started: string[] = [];
    const first = response();
    const gone = response();
    gate.enter(request("/n/a"), first, () => started.push("a"));
    gate.enter(request("/n/b"), gone, () => started.push("b"));
    gate.enter(request("/n/c"), response(), () => started.push("c"));
    gone.destroyed = true;
    first.finish();
    expect(started).toEqual(["a", "c"]);
  });

  it("ends a turn after maxTurnMs even if the client is still reading", () => {
    vi.useFakeTimers();
    try {
      const gate = createRenderGate(1, 500);
      const started: string[] = [];
      gate.enter(request("/n/slow"), response(), () => started.push("slow"));
      gate.enter(request("/n/next"), response(), () => started.push("next"));
      vi.advanceTimersByTime(499);
      expect(started).toEqual(["slow"]);
      vi.advanceTimersByTime(1);
      expect(started).toEqual(["slow", "next"]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("with limit 0 never waits", () => {
    const gate = createRenderGate(0);
    const started: number[] = [];
    for (let i = 0; i < 5; i++) gate.enter(request(`/n/${i}`), response(), () => started.push(i));
    expect(started).toEqual([0, 1, 2, 3, 4]);
  });
});
