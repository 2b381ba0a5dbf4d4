import { describe, expect, it } from "vitest";
import { clientMessageType, COLLAB_PROTOCOL_VERSION, MESSAGE_AUTH, MESSAGE_AWARENESS, MESSAGE_COMMENTS_CHANGED, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC, requestedProtocolVersion } from "./collab";

describe("the collaboration protocol's version", () => {
  it("is what the URL names, and 1 when it names none (clients from before the version)", () => {
    expect(requestedProtocolVersion("")).toBe(1);
    expect(requestedProtocolVersion("v=1")).toBe(1);
    expect(requestedProtocolVersion(`v=${COLLAB_PROTOCOL_VERSION}&x=y`)).toBe(COLLAB_PROTOCOL_VERSION);
    expect(requestedProtocolVersion("v=2")).toBe(2);
  });

  it("is unreadable (null) when it is not a small whole number", () => {
    for (const bad of ["v=", "v=one", "v=-1", "v=1.5", "v=12345678"]) expect(requestedProtocolVersion(bad), bad).toBeNull();
  });
});

describe("client message types", () => {
  it("are the four a client may send; the server's own and unknown ones are not", () => {
    for (const type of [MESSAGE_SYNC, MESSAGE_AWARENESS, MESSAGE_AUTH, MESSAGE_QUERY_AWARENESS]) expect(clientMessageType(type)).toBe(type);
    for (const type of [MESSAGE_COMMENTS_CHANGED, 4, 42, 99, 2 ** 31]) expect(clientMessageType(type)).toBeNull();
  });
});
