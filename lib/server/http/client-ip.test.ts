import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-ip";

describe("the client's address", () => {
  it("is the socket's when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddress("10.9.1.1, 192.0.2.77", "198.51.100.4", 0)).toBe("198.51.100.4");
    expect(clientAddress(undefined, "198.51.100.4", 1)).toBe("198.51.100.4");
  });

  it("behind trusted proxies, is the entry the outermost one wrote, counted from the right", () => {
    // The client wrote "10.9.<i>.1"; our one proxy appended the address it saw.
    for (let i = 0; i < 20; i++) expect(clientAddress(`10.9.${i}.1, 192.0.2.77`, "127.0.0.1", 1)).toBe("192.0.2.77");
    expect(clientAddress("192.0.2.77", "127.0.0.1", 1)).toBe("192.0.2.77");
    // Two proxies: the client, then the first proxy's own address.
    expect(clientAddress("1.2.3.4, 192.0.2.77, 10.0.0.2", "10.0.0.3", 2)).toBe("192.0.2.77");
    // Several header lines are one list.
    expect(clientAddress(["1.2.3.4", "192.0.2.77"], "127.0.0.1", 1)).toBe("192.0.2.77");
  });

  it("falls back to the socket when the list is shorter than the proxies", () => {
    expect(clientAddress("192.0.2.77", "10.0.0.3", 2)).toBe("10.0.0.3");
    expect(clientAddress(" , ", "10.0.0.3", 1)).toBe("10.0.0.3");
  });
});
