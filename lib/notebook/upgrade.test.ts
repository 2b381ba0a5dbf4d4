import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { SYSTEM } from "./origins";
import { readSchemaVersion, SCHEMA_VERSION, writeSchemaVersion } from "./schema";
import { documentVersion, upgradeDocument } from "./upgrade";

describe("upgrading a stored document's layout", () => {
  it("leaves a current document as it is, without a transaction", () => {
    const doc = new Y.Doc();
    writeSchemaVersion(doc, SCHEMA_VERSION);
    let updates = 0;
    doc.on("update", () => updates++);
    expect(upgradeDocument(doc)).toEqual({ ok: true, from: SCHEMA_VERSION, to: SCHEMA_VERSION });
    expect(updates).toBe(0);
  });

  it("reads a document that names no version as version 1", () => {
    expect(documentVersion(new Y.Doc())).toBe(1);
  });

  it("runs each step from the document's version up, in one transaction under the system origin, then names the new version", () => {
    const doc = new Y.Doc();
    writeSchemaVersion(doc, 1);
    const ran: number[] = [];
    const origins: unknown[] = [];
    doc.on("update", (_u: Uint8Array, origin: unknown) => origins.push(origin));
    const steps = {
      1: (d: Y.Doc) => (ran.push(1), d.getMap("meta").set("stepOne", true)),
      2: (d: Y.Doc) => (ran.push(2), d.getMap("meta").set("stepTwo", true)),
    };
    expect(upgradeDocument(doc, SYSTEM, steps, 3)).toEqual({ ok: true, from: 1, to: 3 });
    expect(ran).toEqual([1, 2]);
    expect(origins).toEqual([SYSTEM]);
    expect(readSchemaVersion(doc)).toBe(3);
    expect(doc.getMap("meta").get("stepTwo")).toBe(true);
  });

  it("refuses a newer layout and changes nothing", () => {
    const doc = new Y.Doc();
    writeSchemaVersion(doc, SCHEMA_VERSION + 1);
    const before = Y.encodeStateAsUpdate(doc);
    const outcome = upgradeDocument(doc);
    expect(outcome).toMatchObject({ ok: false, code: "newer_layout" });
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it("says which step is missing rather than skipping it", () => {
    const doc = new Y.Doc();
    writeSchemaVersion(doc, 1);
    expect(() => upgradeDocument(doc, SYSTEM, {}, 2)).toThrow(/from layout version 1 to 2/);
  });
});
