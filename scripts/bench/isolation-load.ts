/**
 * bench:isolation's heavy load, run on a worker thread of the bench (isolation.ts): imports of the
 * largest notebook, eight page views of it (the page, then its state, as a browser fetches them)
 * and an export, at a time, round after round until the bench posts "stop"; then it posts the
 * number of rounds. BENCH_LOAD=import|views|export keeps only that part of each round, to see which
 * one stalls the pair.
 */
import { isMainThread, parentPort, workerData } from "node:worker_threads";

export async function importNotebook(base: string, text: string): Promise<string> {
  const response = await fetch(`${base}/api/notebooks/import?name=heavy.ipynb`, { method: "POST", headers: { origin: base, "content-type": "application/json" }, body: text });
  if (response.status !== 201) throw new Error(`import: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { slug: string }).slug;
}

async function load(input: { base: string; slug: string; file: string; pageViews: number }): Promise<void> {
  const { base, slug, file, pageViews } = input;
  let stopped = false;
  parentPort!.once("message", () => (stopped = true));
  let rounds = 0;
  while (!stopped) {
    const only = process.env.BENCH_LOAD ?? "all";
    const timed = async (name: string, work: () => Promise<unknown>) => {
      const t = performance.now();
      await work();
      if (process.env.BENCH_TRACE) console.error(`${name} ${Math.round(performance.now() - t)} ms`);
    };
    await Promise.all([
      ...(only === "all" || only === "import" ? [timed("import", () => importNotebook(base, file))] : []),
      ...Array.from({ length: only === "all" || only === "views" ? pageViews : 0 }, () =>
        timed("view", () =>
          fetch(`${base}/n/${slug}`)
            .then((r) => r.arrayBuffer())
            .then(() => fetch(`${base}/n/${slug}/state`))
            .then((r) => r.arrayBuffer()),
        ),
      ),
      ...(only === "all" || only === "export" ? [timed("export", () => fetch(`${base}/n/${slug}/export?format=ipynb`).then((r) => r.arrayBuffer()))] : []),
    ]);
    rounds += 1;
  }
  parentPort!.postMessage(rounds);
}

if (!isMainThread && parentPort) void load(workerData as { base: string; slug: string; file: string; pageViews: number });
