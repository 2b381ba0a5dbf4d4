/** The spool files: atomic, merged per notebook, replayed into storage at boot and then removed. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as Y from "yjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { insertCell, snapshotNotebook, userOrigin } from "@/lib/notebook";
import { MemoryStorage } from "@/tests/support/memory-storage";
import { replaySpool, writeSpool } from "./spool";

const me = userOrigin("spool");
const sources = (doc: Y.Doc) => snapshotNotebook(doc).cells.map((c) => c.source);

/** An update adding one cell to `doc`. */
function edit(doc: Y.Doc, source: string): Uint8Array {
  const updates: Uint8Array[] = [];
  const listen = (u: Uint8Array) => updates.push(u);
  doc.on("update", listen);
  insertCell(doc, { type: "code", source }, me);
  doc.off("update", listen);
  return Y.mergeUpdates(updates);
}

describe("spool", () => {
  let dir: string;
  let storage: MemoryStorage;
  let base: Y.Doc;

  beforeEach(() => {
    dir = path.join(mkdtempSync(path.join(tmpdir(), "tandem-spool-")), "spool");
    storage = new MemoryStorage();
    base = new Y.Doc();
    storage.seed("a/b", base);
  });
  afterEach(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

  it("merges a second write for the same notebook, and names files safely whatever the id", () => {
    writeSpool(dir, "a/b", edit(base, "one"));
    writeSpool(dir, "a/b", edit(base, "two"));
    expect(readdirSync(dir)).toEqual(["a%2Fb.yupdate"]);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(readFileSync(path.join(dir, "a%2Fb.yupdate"))));
    expect(sources(doc)).toEqual(["one", "two"]);
  });

  it("replays into storage and removes the file; keeps it when storage fails; drops a deleted notebook's", async () => {
    writeSpool(dir, "a/b", edit(base, "one"));
    writeSpool(dir, "gone", edit(new Y.Doc(), "orphan"));
    writeFileSync(path.join(dir, "a%2Fb.yupdate.123.tmp"), "half a write");

    storage.outage = new Error("database is down");
    const down = await replaySpool(dir, storage);
    expect(down.replayed).toEqual([]);
    expect(down.dropped).toEqual(["gone"]);
    expect(down.failed.map((f) => f.notebookId)).toEqual(["a/b"]);
    expect(readdirSync(dir)).toEqual(["a%2Fb.yupdate"]);

    storage.outage = null;
    expect(await replaySpool(dir, storage)).toEqual({ replayed: ["a/b"], dropped: [], failed: [] });
    expect(readdirSync(dir)).toEqual([]);
    expect(sources(storage.stored("a/b"))).toEqual(["one"]);
  });

  it("has nothing to replay when there is no spool folder", async () => {
    expect(await replaySpool(dir, storage)).toEqual({ replayed: [], dropped: [], failed: [] });
  });
});
