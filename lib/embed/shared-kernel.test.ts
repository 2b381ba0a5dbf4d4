import { describe, expect, it, vi } from "vitest";
import type { KernelClient, KernelStatus } from "../kernel/client";
import type { RunEvent } from "../kernel/protocol";
import { createStore } from "../util/store";
import { createSharedKernel, type SharedKernelDeps, type SharedKernelMessage } from "./shared-kernel";

/** One page: a channel hub (BroadcastChannel: everyone else hears a post, asynchronously) and a lock queue. */
function page() {
  const hubs = new Map<string, Set<{ onmessage: ((e: { data: SharedKernelMessage }) => void) | null }>>();
  const waiting: (() => Promise<void>)[] = [];
  let held = false;
  const grant = () => {
    if (held) return;
    const next = waiting.shift();
    if (!next) return;
    held = true;
    void next().then(() => {
      held = false;
      grant();
    });
  };
  const kernels: { ran: string[]; kernel: KernelClient }[] = [];
  const deps: SharedKernelDeps = {
    channel: (name) => {
      const members = hubs.get(name) ?? new Set();
      hubs.set(name, members);
      const me = {
        onmessage: null as ((e: { data: SharedKernelMessage }) => void) | null,
        postMessage: (data: SharedKernelMessage) => {
          for (const other of members) if (other !== me) queueMicrotask(() => other.onmessage?.({ data: structuredClone(data) }));
        },
        close: () => void members.delete(me),
      };
      members.add(me);
      return me;
    },
    lock: (_name, hold) => {
      waiting.push(hold);
      queueMicrotask(grant);
    },
    ownKernel: () => {
      const ran: string[] = [];
      const scope = new Map<string, number>();
      const status = createStore<KernelStatus>({ phase: "idle", info: { python: "3.14.0", pyodide: "314.0.7", interruptible: false, start: "fresh" }, notice: null });
      // A toy Python: "x = 5" sets, "x" prints it (or a NameError).
      const kernel: KernelClient = {
        status,
        async run(code, _filename, onEvent) {
          ran.push(code);
          await new Promise((r) => setTimeout(r, 5));
          const set = /^(\w+) = (\d+)$/.exec(code);
          if (set) scope.set(set[1]!, Number(set[2]));
          else if (scope.has(code)) onEvent({ type: "stream", runId: "k", name: "stdout", text: `${scope.get(code)}\n` } as RunEvent);
          else return (onEvent({ type: "error", runId: "k", ename: "NameError", evalue: code, traceback: [] } as RunEvent), "error");
          return "ok";
        },
        interrupt: vi.fn(),
        restart: vi.fn(),
        answerInput: vi.fn(),
        dispose: vi.fn(),
      };
      kernels.push({ ran, kernel });
      return kernel;
    },
  };
  return { deps, kernels };
}

const output = async (kernel: KernelClient, code: string) => {
  const texts: string[] = [];
  const outcome = await kernel.run(code, "cell", (e) => void (e.type === "stream" ? texts.push(e.text) : e.type === "error" ? texts.push(e.ename) : null));
  return { outcome, text: texts.join("") };
};

describe("a shared kernel", () => {
  it("runs every frame's cells in one Python, started by the first frame to need it", async () => {
    const { deps, kernels } = page();
    const a = createSharedKernel("p1", deps);
    const b = createSharedKernel("p1", deps);
    expect(await output(a, "x = 5")).toEqual({ outcome: "ok", text: "" });
    expect(await output(b, "x")).toEqual({ outcome: "ok", text: "5\n" });
    expect(kernels).toHaveLength(1);
    expect(kernels[0]!.ran).toEqual(["x = 5", "x"]);
    expect(b.status.get().phase).toBe("idle");
    // Stops and restarts from a guest reach the host's kernel.
    b.interrupt();
    b.restart();
    await new Promise((r) => setTimeout(r, 5));
    expect(kernels[0]!.kernel.interrupt).toHaveBeenCalledTimes(1);
    expect(kernels[0]!.kernel.restart).toHaveBeenCalledTimes(1);
    a.dispose();
    b.dispose();
  });

  it("runs two frames' cells one at a time, and another page's token has its own Python", async () => {
    const { deps, kernels } = page();
    const a = createSharedKernel("p1", deps);
    const b = createSharedKernel("p1", deps);
    const other = createSharedKernel("p2", { ...deps, lock: (_n, hold) => void hold() });
    await Promise.all([output(a, "y = 1"), output(b, "z = 2"), output(a, "w = 3")]);
    // `other` took its lock at once, so its Python is the first made; the page's is the second.
    expect(kernels).toHaveLength(2);
    expect(kernels[1]!.ran.sort()).toEqual(["w = 3", "y = 1", "z = 2"]);
    expect(await output(other, "y")).toMatchObject({ text: "NameError" });
    for (const k of [a, b, other]) k.dispose();
  });

  it("hands the kernel to a waiting frame when the host goes away", async () => {
    const { deps, kernels } = page();
    const a = createSharedKernel("p1", deps);
    await output(a, "x = 5");
    const b = createSharedKernel("p1", deps);
    a.dispose();
    // b took over with a new Python: the old variables are gone, as after a restart.
    expect(await output(b, "x")).toMatchObject({ outcome: "error", text: "NameError" });
    expect(kernels).toHaveLength(2);
    b.dispose();
  });
});
