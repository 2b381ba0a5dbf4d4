/**
 * The work threads (lib/server/work/): the server's heavy document work, run on a real piscina
 * pool of real worker threads (loading the same TypeScript through tsx, as server.ts's pool does),
 * gives exactly what the same task gives inline, bad input included, and runs off the calling
 * thread: the caller's event loop keeps turning while a large import is converted.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { cellOrder, insertCell, snapshotNotebook, userOrigin } from "@/lib/notebook";
import { readdirSync, readFileSync } from "node:fs";
import { createWorkPool, WORK_NICENESS, type WorkPool } from "@/lib/server/work/pool";
import { runInline } from "@/lib/server/work/tasks";
import { storedCells } from "@/lib/server/documents/materialize";

function ipynb(cells: number): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { title: "From the file" },
    cells: Array.from({ length: cells }, (_, i) => ({ id: `c${i}`, cell_type: "code", source: `x = ${i}`, metadata: {}, execution_count: 1, outputs: [{ output_type: "stream", name: "stdout", text: `${i}\n` }] })),
  });
}

describe("work threads", () => {
  let pool: WorkPool;
  beforeAll(() => {
    pool = createWorkPool(1);
  });
  afterAll(async () => {
    await pool.close();
  });

  it("imports a file on a thread as inline: the same cells, search text and document", async () => {
    const text = ipynb(50);
    const threaded = await pool.run("importIpynb", text);
    const inline = runInline("importIpynb", text);
    if (!threaded.ok || !inline.ok) throw new Error("import failed");
    expect(threaded.value.metadataTitle).toBe("From the file");
    expect(threaded.value.stored.cells).toEqual(inline.value.stored.cells);
    expect(threaded.value.stored.searchText).toBe(inline.value.stored.searchText);
    expect(threaded.value.stored.cellCount).toBe(50);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, threaded.value.stored.snapshot);
    expect(snapshotNotebook(doc).cells.map((c) => c.source)).toEqual(Array.from({ length: 50 }, (_, i) => `x = ${i}`));
  });

  it("answers a bad file with the same problem, by JSON path, not a thrown error", async () => {
    const bad = JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: "code", source: 7 }] });
    const threaded = await pool.run("importIpynb", bad);
    expect(threaded).toEqual(runInline("importIpynb", bad));
    expect(threaded.ok).toBe(false);
    expect((await pool.run("importIpynb", "{ not json")).ok).toBe(false);
  });

  it("merges, copies, versions and exports on a thread", async () => {
    const doc = new Y.Doc();
    const me = userOrigin("work");
    insertCell(doc, { type: "code", source: "print('one')" }, me);
    const snapshot = Y.encodeStateAsUpdate(doc);
    const before = Y.encodeStateVector(doc);
    insertCell(doc, { type: "markdown", source: "# two" }, me);
    const update = Y.encodeStateAsUpdate(doc, before);

    const merged = new Y.Doc();
    Y.applyUpdate(merged, await pool.run("mergeUpdates", [snapshot, update]));
    expect(snapshotNotebook(merged).cells.map((c) => c.source)).toEqual(["print('one')", "# two"]);

    const state = Y.encodeStateAsUpdate(doc);
    const [codeId] = cellOrder(doc);
    const copy = await pool.run("copyDocument", { state, sources: { [codeId!]: "print('mine')", nope: "ignored" } });
    expect(storedCells(copy.cells).map((c) => [c.source].flat().join(""))).toEqual(["print('mine')", "# two"]);

    const version = await pool.run("versionOf", { state, latestCells: null });
    expect(storedCells(version!.cells)).toHaveLength(2);
    expect(await pool.run("versionOf", { state, latestCells: version!.cells })).toBeNull();

    const file = await pool.run("exportFile", { state, format: "ipynb", title: "T" });
    expect(JSON.parse(file.body)).toMatchObject({ nbformat: 4, nbformat_minor: 5 });
    expect(await pool.run("exportFile", { state, format: "py", title: "T" })).toEqual(runInline("exportFile", { state, format: "py", title: "T" }));
  });

  it("leaves the calling thread's event loop free while it converts a large file", async () => {
    const text = ipynb(5000);
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 5);
    const result = await pool.run("importIpynb", text);
    clearInterval(timer);
    expect(result.ok).toBe(true);
    // Converting 5,000 cells takes far more than a few 5 ms ticks; inline there would be none.
    expect(ticks).toBeGreaterThan(3);
  });

  it("runs its threads below the calling thread's priority, so relaying wins the CPU", async () => {
    await pool.run("importIpynb", ipynb(1));
    // Linux keeps a nice value per thread: field 19 of /proc/self/task/<tid>/stat.
    const niceOf = (tid: string) => Number(readFileSync(`/proc/self/task/${tid}/stat`, "utf8").split(") ")[1]!.split(" ")[16]);
    const own = niceOf(String(process.pid));
    const threads = readdirSync("/proc/self/task").map(niceOf);
    // The pool's thread (and any helper thread it started) is lower; this thread is not.
    expect(threads.filter((n) => n === own + WORK_NICENESS).length).toBeGreaterThanOrEqual(1);
    expect(threads.filter((n) => n === own).length).toBeGreaterThanOrEqual(1);
  });
});
