import { describe, expect, it } from "vitest";
import { FORWARD_VALID_MS } from "../../protocol/cluster";
import { forwardKey, signForward, verifyForward } from "./forward";

const key = forwardKey("a shared secret of at least thirty-two characters");
const access = { notebookId: "nb1", write: true, teacher: false, editsLocked: true };

describe("forwarded sockets' access", () => {
  it("reads back what the edge signed, for that notebook only, until it expires", () => {
    const now = 1_000_000;
    const header = signForward(key, access, now);
    expect(verifyForward(key, header, "nb1", now + 1_000)).toEqual({ ...access, teacher: false, until: now + FORWARD_VALID_MS });
    expect(verifyForward(key, header, "nb2", now)).toBeNull();
    expect(verifyForward(key, header, "nb1", now + FORWARD_VALID_MS + 1)).toBeNull();
  });

  it("refuses a header signed with another key, or changed after signing", () => {
    const header = signForward(key, access);
    expect(verifyForward(forwardKey("another secret of at least thirty-two characters"), header, "nb1")).toBeNull();
    const [payload, mac] = header.split(".");
    const raised = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, "base64url").toString()), teacher: true })).toString("base64url");
    expect(verifyForward(key, `${raised}.${mac}`, "nb1")).toBeNull();
    expect(verifyForward(key, `${payload}.${mac}.extra`, "nb1")).toBeNull();
    expect(verifyForward(key, "not a header", "nb1")).toBeNull();
  });
});
