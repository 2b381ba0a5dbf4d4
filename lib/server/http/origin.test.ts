import { describe, expect, it } from "vitest";
import { requestOrigin } from "./origin";

const get = (url: string, headers: Record<string, string> = {}) => new Request(url, { headers });

describe("requestOrigin", () => {
  it("is the request URL's origin when no header says otherwise", () => {
    expect(requestOrigin(get("http://localhost:3000/api/oembed?url=x"))).toBe("http://localhost:3000");
  });

  it("prefers a proxy's forwarded host and protocol, first of a list", () => {
    const request = get("http://10.0.0.5:3000/api/oembed", { "x-forwarded-host": "Tandem.Example, proxy.internal", "x-forwarded-proto": "https, http", host: "10.0.0.5:3000" });
    expect(requestOrigin(request)).toBe("https://tandem.example");
  });

  it("reads plain Headers (next/headers), with the Host header and http by default", () => {
    expect(requestOrigin(new Headers({ host: "example.org:8080" }))).toBe("http://example.org:8080");
    expect(requestOrigin(new Headers({ host: "example.org:443", "x-forwarded-proto": "https" }))).toBe("https://example.org");
  });

  it("ignores headers that do not make an origin", () => {
    const request = get("http://localhost:3000/x", { "x-forwarded-host": "evil.example/path?", "x-forwarded-proto": "javascript" });
    expect(requestOrigin(request)).toBe("http://localhost:3000");
    expect(requestOrigin(new Headers({ host: "a b" }))).toMatch(/^https?:\/\/[^/]+$/);
  });
});
