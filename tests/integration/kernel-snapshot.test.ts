/**
 * Start-up snapshots (lib/kernel/worker/snapshot.ts) with real Pyodide: the first start makes one,
 * the next restores it and behaves exactly like a fresh kernel (helpers, display, tracebacks,
 * input, Stop), nothing that ran in the first kernel leaks into the second, and a snapshot that
 * will not restore is replaced by a good one instead of breaking the start.
 */
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import { writeInputReply } from "../../lib/kernel/input-buffer";
import type { ReadyMessage } from "../../lib/kernel/protocol";
import { ensureKernelSnapshot, kernelSnapshotFile } from "../../lib/server/kernel/snapshot";
import { stripAnsi, TestKernel, type KernelOptions } from "../support/kernel-harness";

const START_TIMEOUT_MS = 120_000;

/** A snapshot is stored after `ready`, in the background: wait for the file to appear whole. */
async function stored(file: string, notBefore = 0): Promise<number> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (existsSync(file) && statSync(file).mtimeMs >= notBefore && statSync(file).size > 1_000_000) return statSync(file).size;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no snapshot at ${file}`);
}

describe("start-up snapshot", () => {
  const kernels: TestKernel[] = [];
  const open = (snapshotFile: string, more: Omit<KernelOptions, "snapshotFile"> = {}) => {
    const kernel = new TestKernel({ snapshotFile, ...more });
    kernels.push(kernel);
    return kernel;
  };
  afterEach(async () => {
    await Promise.all(kernels.splice(0).map((k) => k.close()));
  });

  it(
    "is made by the first start and restored by the next, which works like a fresh kernel",
    async () => {
      const file = path.join(mkdtempSync(path.join(tmpdir(), "tandem-snapshot-")), "kernel.snapshot");
      const first = open(file);
      expect(await first.start()).toMatchObject({ type: "ready", start: "fresh" });
      await stored(file);
      expect((await first.run("secret = 42\nsecret")).done.message.status).toBe("ok");

      const second = open(file);
      const ready = (await second.start()) as ReadyMessage;
      expect(ready).toMatchObject({ type: "ready", start: "restored", interruptible: true });
      expect(ready.python).toMatch(/^3\.\d+\.\d+$/);

      // Nothing of the first kernel's session: the snapshot predates every run.
      const leaked = await second.run("secret");
      expect(leaked.done.message.status).toBe("error");
      const error = leaked.events.map((e) => e.message).find((m) => m.type === "error");
      expect(error).toMatchObject({ ename: "NameError" });
      expect(stripAnsi(error!.type === "error" ? error!.traceback.join("\n") : "")).toContain("----> 1 secret");

      // Streams, the last expression's value and display(), through the bridge installed after restore.
      const shown = await second.run('print("hi")\ndisplay({"a": 1})\n6 * 7');
      expect(shown.stdout).toBe("hi\n");
      expect(shown.events.map((e) => e.message.type)).toEqual(["stream", "display", "result"]);

      const asked = await second.run('name = input("Name? ")\nprint("Hello,", name)', {
        onMessage: (m, k) => {
          if (m.type === "input") writeInputReply(k.inputBuffer!, "Ada");
        },
      });
      expect(asked.stdout).toBe("Hello, Ada\n");

      const stopped = await second.run('print("spinning")\nwhile True:\n    pass', {
        onMessage: (m, k) => {
          if (m.type === "stream" && m.text.includes("spinning")) k.interrupt();
        },
      });
      expect(stopped.done.message.status).toBe("interrupted");
    },
    START_TIMEOUT_MS * 2,
  );

  it(
    "gives every restored kernel its own random numbers, though the random module is in the snapshot",
    async () => {
      const file = path.join(mkdtempSync(path.join(tmpdir(), "tandem-snapshot-")), "kernel.snapshot");
      const first = open(file);
      expect(await first.start()).toMatchObject({ start: "fresh" });
      await stored(file);
      // Imported by the start-up itself, so its state is part of the snapshot.
      const draw = "import sys\nassert 'random' in sys.modules\nimport random\nprint(random.random(), random.getrandbits(64))";
      const draws: string[] = [];
      for (let i = 0; i < 2; i++) {
        const kernel = open(file);
        expect(await kernel.start()).toMatchObject({ start: "restored" });
        const run = await kernel.run(draw);
        expect(run.done.message.status).toBe("ok");
        draws.push(run.stdout);
      }
      expect(draws[0]).not.toBe(draws[1]);
    },
    START_TIMEOUT_MS * 3,
  );

  it(
    "prebuilt by the app (in Node, at build time) restores as the first start, with this machine's time zone and language, and is kept",
    async () => {
      const prebuilt = kernelSnapshotFile(process.cwd());
      ensureKernelSnapshot(process.cwd());
      const file = path.join(mkdtempSync(path.join(tmpdir(), "tandem-snapshot-")), "kernel.snapshot");
      const zone = process.env.TZ;
      process.env.TZ = "America/New_York"; // the snapshot was made in UTC
      try {
        const first = open(file, { prebuiltFile: prebuilt, lang: "de_DE.UTF-8" });
        expect(await first.start()).toMatchObject({ type: "ready", start: "prebuilt" });
        const facts = await first.run(
          [
            "import sys, os, time, locale, datetime",
            "print(time.timezone, time.tzname, datetime.datetime(2026, 1, 15, 12).astimezone().utcoffset())",
            "print(os.environ['LANG'], locale.getlocale())",
            "print(sys.path.count(''), sys.orig_argv, repr(sys.executable), os.environ['_'])",
          ].join("\n"),
        );
        expect(facts.done.message.status).toBe("ok");
        expect(facts.stdout.split("\n")).toEqual([
          "18000 ('UTC-0500', 'UTC-0400') -1 day, 19:00:00",
          "de_DE.UTF-8 ('de_DE', 'UTF-8')",
          "1 ['./this.program'] '' ./this.program",
          "",
        ]);
        // Kept as this machine's own copy: the next start needs no download. What is kept is the
        // snapshot as it came, not the memory of the kernel that has run code since.
        expect((await first.run("secret = 42")).done.message.status).toBe("ok");
        await stored(file);
        const second = open(file, { prebuiltFile: prebuilt });
        expect(await second.start()).toMatchObject({ start: "restored" });
        const leaked = await second.run("secret");
        expect(leaked.events.map((e) => e.message).find((m) => m.type === "error")).toMatchObject({ ename: "NameError" });
      } finally {
        if (zone === undefined) delete process.env.TZ;
        else process.env.TZ = zone;
      }
    },
    START_TIMEOUT_MS * 2,
  );

  it(
    "prebuilt but broken (a bad download, another build) is passed over: the start goes on fresh and stores its own",
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), "tandem-snapshot-"));
      const prebuilt = path.join(dir, "prebuilt.snapshot");
      writeFileSync(prebuilt, Buffer.alloc(4096, 9));
      const file = path.join(dir, "kernel.snapshot");
      const kernel = open(file, { prebuiltFile: prebuilt });
      expect(await kernel.start()).toMatchObject({ type: "ready", start: "fresh" });
      expect((await kernel.run("6 * 7")).done.message.status).toBe("ok");
      expect(await stored(file)).toBeGreaterThan(1_000_000);
      expect(readFileSync(prebuilt)).toEqual(Buffer.alloc(4096, 9)); // the app's file is not the browser's to delete
    },
    START_TIMEOUT_MS,
  );

  it(
    "that will not restore is discarded: the start goes on fresh and stores a good one",
    async () => {
      const file = path.join(mkdtempSync(path.join(tmpdir(), "tandem-snapshot-")), "kernel.snapshot");
      writeFileSync(file, Buffer.alloc(4096, 7));
      const written = Date.now();

      const kernel = open(file);
      expect(await kernel.start()).toMatchObject({ type: "ready", start: "fresh" });
      expect((await kernel.run("1 + 1")).done.message.status).toBe("ok");
      expect(await stored(file, written)).toBeGreaterThan(1_000_000);
      expect(readFileSync(file).subarray(0, 16)).not.toEqual(Buffer.alloc(16, 7));
    },
    START_TIMEOUT_MS,
  );
});
