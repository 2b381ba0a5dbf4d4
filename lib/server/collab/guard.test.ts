import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { cellSourceText, deleteCell, getCellMap, insertCell, userOrigin } from "@/lib/notebook";
import { UpdateGuard } from "./guard";

const me = userOrigin("test");

describe("UpdateGuard", () => {
  it("collects what accepted updates delete, as applying them unguarded would (no snapshot bloat)", () => {
    const src = new Y.Doc();
    const ids = Array.from({ length: 20 }, () => insertCell(src, { type: "code", source: "x = 1\n".repeat(100) }, me));
    const before = Y.encodeStateAsUpdate(src);
    const updates: Uint8Array[] = [];
    src.on("update", (update: Uint8Array) => updates.push(update));
    for (const id of ids.slice(0, 10)) cellSourceText(getCellMap(src, id)!).delete(0, 500);
    for (const id of ids.slice(10)) deleteCell(src, id, me);
    const [plain, guarded] = [false, true].map((guard) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, before);
      const g = new UpdateGuard(doc);
      for (const update of updates) {
        if (guard) expect(g.apply(update, {}, { editsLocked: false })).toEqual({ ok: true });
        else Y.applyUpdate(doc, update, {});
      }
      return Y.encodeStateAsUpdate(doc);
    });
    expect(guarded!.length).toBe(plain!.length);
  });
});
