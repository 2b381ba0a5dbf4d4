/**
 * Code intelligence and the learner's magics against real Pyodide (the kernel core in a Node
 * worker thread, tests/support/kernel-harness.ts): completion from the live namespace, Shift-Tab's
 * inspection, and obj? / help() / %time / %timeit / !cmd in cells.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { CompleteReplyMessage, InspectReplyMessage } from "../../lib/kernel/protocol";
import { stripAnsi, TestKernel } from "../support/kernel-harness";

const START_TIMEOUT_MS = 120_000;
const RUN_TIMEOUT_MS = 30_000;

const labels = (reply: CompleteReplyMessage) => reply.matches.map((m) => m.label);
const kindOf = (reply: CompleteReplyMessage, label: string) => reply.matches.find((m) => m.label === label)?.kind;
const found = (reply: InspectReplyMessage) => {
  if (!reply.found) throw new Error(`nothing found: ${JSON.stringify(reply)}`);
  return reply;
};

describe("completion and inspection from the live kernel", () => {
  let kernel: TestKernel;

  beforeAll(async () => {
    kernel = new TestKernel();
    expect(await kernel.start()).toMatchObject({ type: "ready" });
    const setup = await kernel.run(
      [
        "import math",
        "class Point:",
        "    '''A point in the plane.'''",
        "    def __init__(self, x, y):",
        "        self.x, self.y = x, y",
        "    def norm(self):",
        "        '''Distance from the origin.'''",
        "        return math.hypot(self.x, self.y)",
        "    @property",
        "    def label(self):",
        "        return 'P'",
        "p = Point(3, 4)",
        "my_total = 10",
        "_my_secret = 1",
      ].join("\n"),
    );
    expect(setup.done.message.status).toBe("ok");
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await kernel.close();
  });

  it("math.sq offers sqrt, a function, for the word after the dot", async () => {
    const reply = await kernel.complete("x = math.sq");
    expect(labels(reply)).toContain("sqrt");
    expect(kindOf(reply, "sqrt")).toBe("function");
    expect(kindOf(reply, "pi")).toBe("variable");
    expect([reply.from, reply.to]).toEqual([9, 11]);
  });

  it("attributes of the person's own object: data, methods and properties, not private ones", async () => {
    const reply = await kernel.complete("p.");
    expect(kindOf(reply, "x")).toBe("variable");
    expect(kindOf(reply, "norm")).toBe("function");
    expect(kindOf(reply, "label")).toBe("property");
    expect(labels(reply)).not.toContain("__init__");
    expect(labels(await kernel.complete("p.__in"))).toContain("__init__");
  });

  it("names of the namespace, builtins and keywords; private names once an underscore is typed", async () => {
    const reply = await kernel.complete("my_");
    expect(kindOf(reply, "my_total")).toBe("variable");
    expect(kindOf(reply, "Point")).toBe("class");
    expect(kindOf(reply, "print")).toBe("function");
    expect(kindOf(reply, "while")).toBe("keyword");
    expect(kindOf(reply, "match")).toBe("keyword");
    expect(labels(reply)).not.toContain("_my_secret");
    expect(labels(await kernel.complete("_my"))).toContain("_my_secret");
  });

  it("module names after import, submodules after a dot, a module's names after from ... import", async () => {
    const top = await kernel.complete("import j");
    expect(labels(top)).toEqual(expect.arrayContaining(["js", "json", "math", "collections", "sys"]));
    expect(kindOf(top, "json")).toBe("module");
    expect(labels(await kernel.complete("import xml.d"))).toContain("dom");
    const names = await kernel.complete("from json import de");
    expect(labels(names)).toEqual(expect.arrayContaining(["dumps", "decoder"]));
    expect(kindOf(names, "decoder")).toBe("module");
    expect(names.from).toBe(17);
    expect(labels(await kernel.complete("from collections import Ord"))).toContain("OrderedDict");
  });

  it("nothing for a name Python does not know, inside a string, or for an unresolvable object", async () => {
    expect((await kernel.complete("nobody_defined_this.")).matches).toEqual([]);
    expect((await kernel.complete('s = "math.sq')).matches).toEqual([]);
    expect((await kernel.complete("f().")).matches).toEqual([]);
  });

  it("inspects print inside its parentheses: signature and docstring", async () => {
    const reply = found(await kernel.inspect("print("));
    expect(reply.name).toBe("print");
    expect(reply.signature).toMatch(/^print\(\*args, sep=' ', end='\\n', file=None, flush=False\)$/);
    expect(reply.doc).toContain("Prints the values to a stream");
    expect(reply.value).toBeNull();
  });

  it("inspects a dotted name, a class, a value, and finds nothing for an unknown name", async () => {
    expect(found(await kernel.inspect("math.sqrt(2")).doc).toContain("square root");
    const point = found(await kernel.inspect("Point(1, "));
    expect(point).toMatchObject({ typeName: "type", signature: "Point(x, y)", doc: "A point in the plane." });
    expect(found(await kernel.inspect("my_total"))).toMatchObject({ typeName: "int", value: "10" });
    expect(await kernel.inspect("not_there(")).toMatchObject({ found: false });
  });

  it("gives the same answer again until a run changes the namespace, then the new names", async () => {
    const first = await kernel.complete("late_");
    expect((await kernel.complete("late_")).matches).toEqual(first.matches);
    expect(labels(first)).not.toContain("late_total");
    expect((await kernel.run("late_total = 1")).done.message.status).toBe("ok");
    expect(labels(await kernel.complete("late_"))).toContain("late_total");
    expect(labels(await kernel.complete("p."))).not.toContain("z");
    expect((await kernel.run("p.z = 0")).done.message.status).toBe("ok");
    expect(labels(await kernel.complete("p."))).toContain("z");
  }, RUN_TIMEOUT_MS);

  it("sees a name a run defines before an await, while that run is still waiting", async () => {
    expect(labels(await kernel.complete("mid_"))).not.toContain("mid_run");
    const run = kernel.run("import asyncio\nmid_run = 1\nawait asyncio.sleep(0.5)");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(labels(await kernel.complete("mid_"))).toContain("mid_run");
    await run;
  }, RUN_TIMEOUT_MS);

  it("answers while a cell waits in an await, before that run ends", async () => {
    const order: string[] = [];
    const run = kernel.run("import asyncio\nawait asyncio.sleep(0.5)\n'slept'").then(() => order.push("done"));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await kernel.complete("math.sq").then((reply) => order.push(labels(reply).includes("sqrt") ? "completed" : "empty"));
    await run;
    expect(order).toEqual(["completed", "done"]);
  }, RUN_TIMEOUT_MS);
});

describe("the learner's magics", () => {
  let kernel: TestKernel;

  beforeAll(async () => {
    kernel = new TestKernel();
    expect(await kernel.start()).toMatchObject({ type: "ready" });
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await kernel.close();
  });

  it("obj? prints the signature, docstring and type; obj?? the source of a cell's function", async () => {
    const help = await kernel.run("len?");
    expect(help.done.message.status).toBe("ok");
    expect(help.stdout).toContain("Signature: len(obj, /)");
    expect(help.stdout).toContain("Docstring:\nReturn the number of items in a container.");
    expect(help.stdout).toContain("Type:      builtin_function_or_method");
    await kernel.run("def twice(n):\n    '''Doubles.'''\n    return 2 * n");
    const source = await kernel.run("?twice\ntwice??");
    expect(source.stdout).toContain("Docstring:\nDoubles.");
    expect(source.stdout).toContain("Source:\ndef twice(n):\n    '''Doubles.'''\n    return 2 * n");
    expect((await kernel.run("nothing_here?")).stdout).toBe("Object `nothing_here` not found.\n");
  }, RUN_TIMEOUT_MS);

  it("help(obj) prints pydoc's help", async () => {
    const outcome = await kernel.run("help(len)");
    expect(outcome.stdout).toContain("Help on built-in function len in module builtins:");
  }, RUN_TIMEOUT_MS);

  it("%time prints CPU and wall time like IPython and gives the expression's value", async () => {
    const outcome = await kernel.run("%time sum(range(1000))");
    expect(outcome.stdout).toMatch(/^CPU times: user [\d.]+ (s|ms|µs|ns), sys: 0 ns, total: [\d.]+ (s|ms|µs|ns)\nWall time: [\d.]+ (s|ms|µs|ns)\n$/);
    const result = outcome.events.find((e) => e.message.type === "result")?.message;
    expect(result).toMatchObject({ data: { "text/plain": "499500" } });
    const cell = await kernel.run("%%time\ntimed_total = 0\nfor i in range(10):\n    timed_total += i\ntimed_total");
    expect(cell.stdout).toContain("Wall time:");
    expect(cell.events.find((e) => e.message.type === "result")?.message).toMatchObject({ data: { "text/plain": "45" } });
  }, RUN_TIMEOUT_MS);

  it("%timeit picks its loop count like IPython and prints mean ± std. dev. of 7 runs", async () => {
    // 30 ms a loop: one loop takes under 0.2 s, ten take more, so IPython settles on 10 loops.
    const auto = await kernel.run("import time\n%timeit time.sleep(0.03)");
    expect(auto.done.message.status).toBe("ok");
    // The mean is at least the 30 ms slept (a loaded machine only adds to it), and 10 loops each.
    const timed = /^(\d+(?:\.\d+)?) ms ± [\d.]+ (ms|µs|ns) per loop \(mean ± std\. dev\. of 7 runs, 10 loops each\)\n$/.exec(auto.stdout);
    expect(timed, auto.stdout).not.toBeNull();
    expect(Number(timed![1])).toBeGreaterThanOrEqual(30);
    const fixed = await kernel.run("for k in range(2):\n    %timeit -n 3 -r 2 k + 1");
    expect(fixed.stdout.match(/per loop \(mean ± std\. dev\. of 2 runs, 3 loops each\)/g)).toHaveLength(2);
    const cell = await kernel.run("%%timeit -n 2 -r 1 base = 5\nbase * 2");
    expect(cell.stdout).toMatch(/per loop \(mean ± std\. dev\. of 1 run, 2 loops each\)/);
  }, RUN_TIMEOUT_MS);

  it("!cmd says there is no shell in the browser, and the cell goes on", async () => {
    const outcome = await kernel.run("!ls -la\nfiles = !ls\nafter_shell = 1\nafter_shell");
    expect(outcome.done.message.status).toBe("ok");
    expect(outcome.stderr).toContain("There is no shell in the browser");
    expect(outcome.stderr).toContain("'ls -la'");
    // `!pip` is Colab's spelling of %pip, which installs (here, with packages off, says why not).
    expect((await kernel.run("!pip install requests")).stderr).toContain("requests could not be installed");
  }, RUN_TIMEOUT_MS);

  it("an unknown magic is a UsageError; valid Python and strings are never rewritten", async () => {
    const unknown = await kernel.run("%nosuchmagic 1");
    expect(unknown.done.message.status).toBe("error");
    expect(unknown.events.find((e) => e.message.type === "error")?.message).toMatchObject({ ename: "UsageError" });
    const python = await kernel.run("a = 7 % 3\ntext = '''\n!not a command\nlen?\n'''\n(a, text.split())");
    expect(python.events.find((e) => e.message.type === "result")?.message).toMatchObject({
      data: { "text/plain": "(1, ['!not', 'a', 'command', 'len?'])" },
    });
  }, RUN_TIMEOUT_MS);

  it("keeps the cell's line numbers in tracebacks after a magic line", async () => {
    const outcome = await kernel.run("!echo hi\nlen?\n1 / 0");
    const error = outcome.events.find((e) => e.message.type === "error")?.message;
    expect(error?.type === "error" ? stripAnsi(error.traceback.join("\n")) : "").toMatch(/----> 3 1 \/ 0/);
  }, RUN_TIMEOUT_MS);
});
