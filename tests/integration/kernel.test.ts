/**
 * The real kernel core (lib/kernel/worker/core.ts) with real Pyodide, in a Node worker thread,
 * driven through lib/kernel/protocol.ts exactly as the page drives it. A worker thread rather than
 * an in-process core because this thread must stay free to press Stop (the shared interrupt buffer)
 * and answer input() (the shared input buffer) while Python blocks the worker.
 *
 * Pyodide loads once per kernel. The tests share the main kernel's namespace, so each uses its own
 * variable names; only the persistence test relies on state, within itself.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { writeInputEof, writeInputReply } from "../../lib/kernel/input-buffer";
import { KERNEL_PROTOCOL_VERSION, type ErrorMessage, type MimeBundle, type RunEvent } from "../../lib/kernel/protocol";
import { stripAnsi, TestKernel, type RunOutcome } from "../support/kernel-harness";

const START_TIMEOUT_MS = 120_000;
const RUN_TIMEOUT_MS = 20_000;

function ofType<T extends RunEvent["type"]>(outcome: RunOutcome, type: T): Extract<RunEvent, { type: T }>[] {
  return outcome.events.map((e) => e.message).filter((m): m is Extract<RunEvent, { type: T }> => m.type === type);
}

function onlyError(outcome: RunOutcome): ErrorMessage {
  const errors = ofType(outcome, "error");
  expect(errors, `expected one error, got ${JSON.stringify(outcome.events)}`).toHaveLength(1);
  return errors[0]!;
}

function resultData(outcome: RunOutcome): MimeBundle {
  const results = ofType(outcome, "result");
  expect(results, `expected one result, got ${JSON.stringify(outcome.events)}`).toHaveLength(1);
  return results[0]!.data;
}

function plainTraceback(error: ErrorMessage): string[] {
  return error.traceback.map(stripAnsi);
}

function base64(latin1: string): string {
  return Buffer.from(latin1, "latin1").toString("base64");
}

describe("kernel on a cross-origin isolated page (interrupt and input buffers)", () => {
  let kernel: TestKernel;

  beforeAll(async () => {
    kernel = new TestKernel();
    const ready = await kernel.start();
    expect(ready).toMatchObject({ type: "ready", interruptible: true });
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await kernel.close();
  });

  it("starts in stages and reports Python's and Pyodide's versions", () => {
    const types = kernel.received.map(({ message: m }) => (m.type === "progress" ? `progress:${m.stage}` : m.type));
    expect(types.slice(0, 4)).toEqual(["progress:runtime", "progress:interpreter", "progress:helpers", "ready"]);
    const ready = kernel.received[3]!.message;
    expect(ready).toMatchObject({ python: expect.stringMatching(/^3\.14\.\d+$/), pyodide: "314.0.7" });
  });

  it("streams output as it is produced, before the run ends, even without a newline", async () => {
    // The cell spins forever; only a Stop sent on receiving "a" ends it. If "a" were held until
    // the run ended, this run would never end.
    const outcome = await kernel.run('print("a", end="")\nwhile True:\n    pass', {
      onMessage: (m, k) => {
        if (m.type === "stream" && m.text === "a") k.interrupt();
      },
    });
    expect(outcome.events[0]?.message).toMatchObject({ type: "stream", name: "stdout", text: "a" });
    expect(outcome.done.message.status).toBe("interrupted");
  }, RUN_TIMEOUT_MS);

  it("delivers early output well before a later long computation finishes", async () => {
    const code = 'import time\nprint("before")\nt0 = time.time()\nwhile time.time() - t0 < 0.5:\n    pass\nprint("after")';
    const outcome = await kernel.run(code);
    const streams = outcome.events.filter((e) => e.message.type === "stream");
    expect(streams.map((e) => (e.message.type === "stream" ? e.message.text : ""))).toEqual(["before\n", "after\n"]);
    // A lower bound set by the cell's own 0.5 s loop, not a speed goal.
    expect(streams[1]!.at - streams[0]!.at).toBeGreaterThan(250);
  }, RUN_TIMEOUT_MS);

  it("keeps stdout and stderr apart, in program order", async () => {
    const outcome = await kernel.run('import sys\nprint("out 1")\nprint("err 1", file=sys.stderr)\nprint("out 2")');
    expect(ofType(outcome, "stream").map((m) => [m.name, m.text])).toEqual([
      ["stdout", "out 1\n"],
      ["stderr", "err 1\n"],
      ["stdout", "out 2\n"],
    ]);
    expect(outcome.done.message.status).toBe("ok");
  });

  it("streams bytes written to sys.stdout.buffer and to file descriptor 1", async () => {
    const outcome = await kernel.run('import os, sys\nsys.stdout.buffer.write("Zoë\\n".encode())\nos.write(1, b"fd\\n");');
    expect(outcome.stdout).toBe("Zoë\nfd\n");
  });

  it("reads standard input as empty, as Jupyter does (input() is the way to ask)", async () => {
    expect(resultData(await kernel.run("import sys\nsys.stdin.readline()"))).toEqual({ "text/plain": "''" });
  });

  it("makes the last expression a result and binds it to _", async () => {
    expect(resultData(await kernel.run("6 * 7"))).toEqual({ "text/plain": "42" });
    expect(resultData(await kernel.run("_ + 1"))).toEqual({ "text/plain": "43" });
  });

  it("gives no result for None, a statement, or a trailing semicolon", async () => {
    for (const code of ["None", "x_none = 5", 'print("hi")', "1 + 1;"]) {
      const outcome = await kernel.run(code);
      expect(ofType(outcome, "result"), code).toEqual([]);
      expect(outcome.done.message.status).toBe("ok");
    }
  });

  it("keeps state across runs", async () => {
    await kernel.run("persisted_value = 41\ndef persisted_add(n):\n    return persisted_value + n");
    expect(resultData(await kernel.run("persisted_add(1)"))).toEqual({ "text/plain": "42" });
  });

  it("supports top-level await", async () => {
    const outcome = await kernel.run("import asyncio\nawait asyncio.sleep(0.01)\n'awaited'");
    expect(resultData(outcome)).toEqual({ "text/plain": "'awaited'" });
  });

  it("display() shows each object, in order, between other outputs", async () => {
    const outcome = await kernel.run('print("first")\ndisplay(1, "two", [3])\ndisplay({"text/html": "<b>raw</b>"}, raw=True)\n"last"');
    expect(outcome.events.map((e) => e.message.type)).toEqual(["stream", "display", "display", "display", "display", "result"]);
    expect(ofType(outcome, "display").map((m) => m.data)).toEqual([
      { "text/plain": "1" },
      { "text/plain": "'two'" },
      { "text/plain": "[3]" },
      { "text/html": "<b>raw</b>" },
    ]);
  });

  it("builds rich mime bundles from every _repr_*_ method, text/plain always included", async () => {
    const code = String.raw`
class Rich:
    def _repr_html_(self): return "<b>rich</b>"
    def _repr_markdown_(self): return "**rich**"
    def _repr_svg_(self): return "<svg/>"
    def _repr_png_(self): return b"\x89PNG\r\n\x1a\nfake"
    def _repr_jpeg_(self): return b"\xff\xd8\xffjpeg"
    def _repr_latex_(self): return r"$x^2$"
    def _repr_json_(self): return {"a": [1, 2]}
    def __repr__(self): return "Rich()"
Rich()`;
    const data = resultData(await kernel.run(code));
    expect(data).toEqual({
      "text/plain": "Rich()",
      "text/html": "<b>rich</b>",
      "text/markdown": "**rich**",
      "image/svg+xml": "<svg/>",
      "image/png": base64("\x89PNG\r\n\x1a\nfake"),
      "image/jpeg": base64("\xff\xd8\xffjpeg"),
      "text/latex": "$x^2$",
      "application/json": expect.any(String),
    });
    expect(JSON.parse(data["application/json"]!)).toEqual({ a: [1, 2] });
  });

  it("takes _repr_mimebundle_ first and fills in the rest from the other methods", async () => {
    const code = `
class Bundle:
    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/plain": "custom plain", "application/vnd.tandem+json": {"ok": True}}, {"application/vnd.tandem+json": {"expanded": True}}
    def _repr_html_(self):
        return "<p>html</p>"
Bundle()`;
    const outcome = await kernel.run(code);
    const result = ofType(outcome, "result")[0]!;
    expect(result.data).toEqual({
      "text/plain": "custom plain",
      "application/vnd.tandem+json": '{"ok": true}',
      "text/html": "<p>html</p>",
    });
    expect(result.metadata).toEqual({ "application/vnd.tandem+json": { expanded: true } });
  });

  it("offers IPython.display's rich objects", async () => {
    const code = String.raw`
from IPython.display import display, HTML, Markdown, SVG, Latex, Image
png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 4
display(HTML("<i>h</i>"), Markdown("# m"), SVG("<svg/>"), Latex("$y$"), Image(data=png, width=10))`;
    const displays = ofType(await kernel.run(code), "display");
    expect(displays.map((m) => Object.keys(m.data).sort())).toEqual([
      ["text/html", "text/plain"],
      ["text/markdown", "text/plain"],
      ["image/svg+xml", "text/plain"],
      ["text/latex", "text/plain"],
      ["image/png", "text/plain"],
    ]);
    expect(displays[0]!.data["text/html"]).toBe("<i>h</i>");
    expect(displays[4]!.data["image/png"]).toBe(base64("\x89PNG\r\n\x1a\n\0\0\0\0"));
    expect(displays[4]!.metadata).toEqual({ "image/png": { width: 10 } });
  });

  it("survives a repr method that raises: plain text instead, the problem on stderr", async () => {
    const code = `
class Broken:
    def _repr_html_(self):
        raise ValueError("no html today")
    def __repr__(self):
        return "Broken()"
class NoRepr:
    def __repr__(self):
        raise RuntimeError("no repr either")
display(NoRepr())
Broken()`;
    const outcome = await kernel.run(code);
    expect(outcome.done.message.status).toBe("ok");
    expect(resultData(outcome)).toEqual({ "text/plain": "Broken()" });
    expect(ofType(outcome, "display")[0]!.data["text/plain"]).toMatch(/^<__main__\.NoRepr object at 0x[0-9a-f]+>$/);
    expect(outcome.stderr).toContain("Broken._repr_html_() raised ValueError: no html today");
    expect(outcome.stderr).toContain("RuntimeError: no repr either");
  });

  it("reports an exception as a Jupyter-style traceback of the cell's own frames", async () => {
    const outcome = await kernel.run("def divide(a, b):\n    return a / b\n\ndivide(1, 0)");
    expect(outcome.done.message.status).toBe("error");
    const error = onlyError(outcome);
    expect(error).toMatchObject({ ename: "ZeroDivisionError", evalue: "division by zero" });
    expect(error.traceback.some((line) => line.includes("\x1b["))).toBe(true);
    expect(error.traceback.at(-1)).toBe("\x1b[31mZeroDivisionError\x1b[39m: division by zero");
    const lines = plainTraceback(error);
    expect(lines).toContain("----> 4 divide(1, 0)");
    expect(lines).toContain("----> 2     return a / b");
    expect(lines).toContain("      1 def divide(a, b):");
    expect(lines.some((line) => line.includes(", in divide(a, b)"))).toBe(true);
    expect(lines.filter((line) => /_pyodide|\/tandem\/|<exec>/.test(line))).toEqual([]);
  });

  it("shows a SyntaxError with its line and caret", async () => {
    const error = onlyError(await kernel.run("total = 1\nx = (1,"));
    expect(error.ename).toBe("SyntaxError");
    expect(error.evalue).toContain("'(' was never closed");
    const lines = plainTraceback(error);
    const source = lines.indexOf("    x = (1,");
    expect(source).toBeGreaterThan(-1);
    expect(lines[source + 1]).toBe("        ^");
    expect(lines.at(-1)).toBe("SyntaxError: '(' was never closed");
  });

  it("runs queued runs one at a time, in arrival order, even while one awaits", async () => {
    const [first, second, third] = await Promise.all([
      kernel.run('import asyncio\nawait asyncio.sleep(0.2)\nprint("first")'),
      kernel.run('print("second")'),
      kernel.run('print("third")'),
    ]);
    expect([first.stdout, second.stdout, third.stdout]).toEqual(["first\n", "second\n", "third\n"]);
    expect(second.events[0]!.at).toBeGreaterThanOrEqual(first.done.at);
    expect(third.events[0]!.at).toBeGreaterThanOrEqual(second.done.at);
    const ids = [first, second, third].map((o) => o.done.message.runId);
    const order = kernel.received.flatMap(({ message: m }) => ("runId" in m && ids.includes(m.runId) ? [m.runId] : []));
    expect(order).toEqual([...order].sort((a, b) => ids.indexOf(a) - ids.indexOf(b)));
  }, RUN_TIMEOUT_MS);

  it("interrupts `while True: pass` through the buffer, and keeps working afterwards", async () => {
    const outcome = await kernel.run('print("spinning")\nwhile True:\n    pass', {
      onMessage: (m, k) => {
        if (m.type === "stream" && m.text.includes("spinning")) k.interrupt();
      },
    });
    expect(outcome.done.message.status).toBe("interrupted");
    const error = onlyError(outcome);
    expect(error.ename).toBe("KeyboardInterrupt");
    // Stopped somewhere in the loop: the marker is on its first or second line.
    expect(plainTraceback(error).filter((line) => /^----> [23] /.test(line)), plainTraceback(error).join("\n")).toHaveLength(1);
    expect(resultData(await kernel.run("1 + 1"))).toEqual({ "text/plain": "2" });
  }, RUN_TIMEOUT_MS);

  it("interrupts a cell suspended in an await", async () => {
    const outcome = await kernel.run('import asyncio\nprint("sleeping")\nawait asyncio.sleep(60)', {
      onMessage: (m, k) => {
        if (m.type === "stream" && m.text.includes("sleeping")) k.interrupt();
      },
    });
    expect(outcome.done.message.status).toBe("interrupted");
    expect(onlyError(outcome).ename).toBe("KeyboardInterrupt");
    expect(resultData(await kernel.run("'awake'"))).toEqual({ "text/plain": "'awake'" });
  }, RUN_TIMEOUT_MS);

  it("interrupts time.sleep() promptly, not when the sleep ends", async () => {
    // Pyodide's own sleep would not notice the Stop for a minute, past this test's timeout.
    const outcome = await kernel.run('import time\nprint("napping")\ntime.sleep(60)', {
      onMessage: (m, k) => {
        if (m.type === "stream" && m.text.includes("napping")) k.interrupt();
      },
    });
    expect(outcome.done.message.status).toBe("interrupted");
    expect(plainTraceback(onlyError(outcome))).toContain("----> 3 time.sleep(60)");
  }, RUN_TIMEOUT_MS);

  it("time.sleep() blocks for the time asked, and what was printed before it arrives first", async () => {
    const outcome = await kernel.run('import time\nfor i in range(3):\n    print(i)\n    time.sleep(0.2)');
    const streams = outcome.events.filter((e) => e.message.type === "stream");
    expect(streams.map((e) => (e.message.type === "stream" ? e.message.text : ""))).toEqual(["0\n", "1\n", "2\n"]);
    // Lower bounds set by the cell's own sleeps, not speed goals: each line came a sleep apart.
    expect(streams[1]!.at - streams[0]!.at).toBeGreaterThan(150);
    expect(streams[2]!.at - streams[1]!.at).toBeGreaterThan(150);
    expect(outcome.done.at - streams[2]!.at).toBeGreaterThan(150);
  }, RUN_TIMEOUT_MS);

  it("time.sleep() checks its argument as CPython does", async () => {
    const cases: [string, string, string][] = [
      ["time.sleep(-1)", "ValueError", "sleep length must be non-negative"],
      ["time.sleep(float('nan'))", "ValueError", "Invalid value NaN (not a number)"],
      ["time.sleep('1')", "TypeError", "'str' object cannot be interpreted as an integer"],
    ];
    for (const [code, ename, evalue] of cases) {
      const error = onlyError(await kernel.run(`import time\n${code}`));
      expect([error.ename, error.evalue], code).toEqual([ename, evalue]);
    }
    expect(resultData(await kernel.run("import time\ntime.sleep(0)\ntime.sleep(True)\n'ok'"))).toEqual({ "text/plain": "'ok'" });
  }, RUN_TIMEOUT_MS);

  it("ignores a Stop pressed while nothing runs", async () => {
    kernel.interrupt();
    const outcome = await kernel.run("import time\ntime.sleep(0.1)\n'still fine'");
    expect(outcome.done.message.status).toBe("ok");
    expect(resultData(outcome)).toEqual({ "text/plain": "'still fine'" });
  }, RUN_TIMEOUT_MS);

  it("answers input() through the input buffer, without echoing the prompt", async () => {
    const outcome = await kernel.run('name = input("Your name? ")\nprint(f"Hello, {name}!")', {
      onMessage: (m, k) => {
        if (m.type === "input") writeInputReply(k.inputBuffer!, "Zoë 🙂");
      },
    });
    expect(outcome.inputs).toMatchObject([{ type: "input", prompt: "Your name? ", password: false }]);
    expect(outcome.stdout).toBe("Hello, Zoë 🙂!\n");
    expect(outcome.done.message.status).toBe("ok");
  }, RUN_TIMEOUT_MS);

  it("asks for getpass.getpass() as a password", async () => {
    const outcome = await kernel.run("import getpass\nlen(getpass.getpass())", {
      onMessage: (m, k) => {
        if (m.type === "input") writeInputReply(k.inputBuffer!, "secret");
      },
    });
    expect(outcome.inputs).toMatchObject([{ prompt: "Password: ", password: true }]);
    expect(resultData(outcome)).toEqual({ "text/plain": "6" });
  }, RUN_TIMEOUT_MS);

  it("raises EOFError when the page gives up on input()", async () => {
    const outcome = await kernel.run('input("never mind")', {
      onMessage: (m, k) => {
        if (m.type === "input") writeInputEof(k.inputBuffer!);
      },
    });
    expect(onlyError(outcome).ename).toBe("EOFError");
    expect(outcome.done.message.status).toBe("error");
  }, RUN_TIMEOUT_MS);

  it("interrupts a cell waiting in input(), and input() works again afterwards", async () => {
    const stopped = await kernel.run('input("waiting")', {
      onMessage: (m, k) => {
        if (m.type === "input") k.interrupt();
      },
    });
    expect(stopped.done.message.status).toBe("interrupted");
    const error = onlyError(stopped);
    expect(error.ename).toBe("KeyboardInterrupt");
    expect(plainTraceback(error)).toContain('----> 1 input("waiting")');
    const again = await kernel.run('input("again")', {
      onMessage: (m, k) => {
        if (m.type === "input") writeInputReply(k.inputBuffer!, "yes");
      },
    });
    expect(resultData(again)).toEqual({ "text/plain": "'yes'" });
  }, RUN_TIMEOUT_MS);

  it("tells the learner that packages are off when a module outside the standard library is imported", async () => {
    const error = onlyError(await kernel.run("import numpy"));
    expect(error.ename).toBe("ModuleNotFoundError");
    expect(error.evalue).toBe("No module named 'numpy'. numpy could not be downloaded: this server has packages turned off, so only Python's standard library is available.");
    expect(stripAnsi(error.traceback.join("\n"))).not.toMatch(/TANDEM_|README|micropip|pyodide\.loadPackage/);
    // A missing standard library submodule is a typo, not a missing package.
    expect(onlyError(await kernel.run("import json.nonexistent")).evalue).toBe("No module named 'json.nonexistent'");
  });

  it("keeps threading's RuntimeError: threads cannot start in Pyodide", async () => {
    const error = onlyError(await kernel.run("import threading\nthreading.Thread(target=print).start()"));
    expect(error).toMatchObject({ ename: "RuntimeError", evalue: "can't start new thread" });
  });
});

describe("kernel on a page without shared memory, with a package server", () => {
  let kernel: TestKernel;
  let server: Server;
  const requested: string[] = [];

  beforeAll(async () => {
    // A package server that has nothing: every wheel is a 404.
    server = createServer((req, res) => {
      requested.push(req.url ?? "");
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    kernel = new TestKernel({ interruptible: false, input: false, packageBaseUrl: `http://127.0.0.1:${port}/` });
    expect(await kernel.start()).toMatchObject({ type: "ready", interruptible: false });
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await kernel.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it("raises a clear error from input() instead of asking", async () => {
    const outcome = await kernel.run('input("name? ")');
    expect(outcome.inputs).toEqual([]);
    const error = onlyError(outcome);
    expect(error.ename).toBe("RuntimeError");
    expect(error.evalue).toContain("cross-origin isolated");
  });

  it("loads imported packages from the package base URL, and tells the learner the server does not have one", async () => {
    const outcome = await kernel.run("import numpy");
    expect(requested.some((url) => url.startsWith("/numpy-"))).toBe(true);
    expect(outcome.stderr).toBe(""); // Pyodide's log lines are not the learner's
    const error = onlyError(outcome);
    expect(error.ename).toBe("ModuleNotFoundError");
    expect(error.evalue).toBe("No module named 'numpy'. numpy could not be downloaded: the package server does not have it.");
  }, RUN_TIMEOUT_MS);
});

describe("kernel protocol", () => {
  it("refuses an init of another protocol version with a fatal message, and nothing else", async () => {
    const kernel = new TestKernel({ version: KERNEL_PROTOCOL_VERSION + 1 });
    try {
      const reply = await kernel.start();
      expect(reply.type).toBe("fatal");
      expect(reply.type === "fatal" ? reply.message : "").toContain(`version ${KERNEL_PROTOCOL_VERSION + 1}`);
      expect(kernel.received.map((r) => r.message.type)).toEqual(["fatal"]);
    } finally {
      await kernel.close();
    }
  }, START_TIMEOUT_MS);
});
