import { describe, expect, it } from "vitest";
import { readServerEnv } from "../env";
import { isSameOrigin, requestOrigin } from "./origin";

const get = (url: string, headers: Record<string, string> = {}) => new Request(url, { headers });
const local = readServerEnv({ PORT: "3000" });
const public_ = readServerEnv({ TANDEM_PUBLIC_URL: "https://tandem.example/", TANDEM_ALLOWED_ORIGINS: "https://www.tandem.example" });
const proxied = readServerEnv({ TANDEM_PUBLIC_URL: "https://tandem.example", TANDEM_ALLOWED_ORIGINS: "https://www.tandem.example", TANDEM_TRUST_PROXY: "1" });

describe("requestOrigin", () => {
  it("is the request's own origin when it is one of the app's", () => {
    expect(requestOrigin(get("http://localhost:3000/api/oembed?url=x"), local)).toBe("http://localhost:3000");
    expect(requestOrigin(get("http://127.0.0.1:3000/x", { host: "127.0.0.1:3000" }), local)).toBe("http://127.0.0.1:3000");
    expect(requestOrigin(new Headers({ host: "www.tandem.example", "x-forwarded-proto": "https" }), proxied)).toBe("https://www.tandem.example");
  });

  it("ignores forwarded headers unless a proxy is trusted", () => {
    const request = get("http://localhost:3000/api/oembed", { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" });
    expect(requestOrigin(request, local)).toBe("http://localhost:3000");
    expect(requestOrigin(request, public_)).toBe("https://tandem.example");
  });

  it("never answers an origin that is not the app's, whatever the headers say", () => {
    for (const env of [local, public_, proxied]) {
      expect(requestOrigin(get("http://evil.example/x", { host: "evil.example", "x-forwarded-host": "evil.example" }), env)).toBe(env.publicOrigin);
      expect(requestOrigin(new Headers({ host: "a b" }), env)).toBe(env.publicOrigin);
      expect(requestOrigin(get("http://localhost:3000/x", { "x-forwarded-host": "evil.example/path?", "x-forwarded-proto": "javascript" }), env)).toMatch(/^https?:\/\/[^/]+$/);
    }
  });

  it("behind a trusted proxy, takes the host and scheme it forwarded, counted from the right", () => {
    const request = get("http://10.0.0.5:3000/api/oembed", { host: "10.0.0.5:3000", "x-forwarded-host": "evil.example, www.tandem.example", "x-forwarded-proto": "https" });
    expect(requestOrigin(request, proxied)).toBe("https://www.tandem.example");
  });
});

describe("isSameOrigin", () => {
  const post = (origin: string | null, fetchSite?: string) =>
    new Request("http://localhost:3000/api/x", { method: "POST", headers: { ...(origin ? { origin } : {}), ...(fetchSite ? { "sec-fetch-site": fetchSite } : {}), host: "localhost:3000" } });

  it("takes the app's own origins, scheme, host and port alike", () => {
    expect(isSameOrigin(post("http://localhost:3000"), local)).toBe(true);
    expect(isSameOrigin(post("http://127.0.0.1:3000"), local)).toBe(true);
    expect(isSameOrigin(post(null, "same-origin"), local)).toBe(true);
  });

  it("refuses another scheme or port on the same host, null, and other sites", () => {
    for (const origin of ["https://localhost:3000", "http://localhost:3001", "http://localhost", "null", "http://evil.example", "not a url"]) {
      expect(isSameOrigin(post(origin), local), origin).toBe(false);
    }
    expect(isSameOrigin(post(null, "cross-site"), local)).toBe(false);
    expect(isSameOrigin(post(null), local)).toBe(false);
    expect(isSameOrigin(post("http://tandem.example"), public_)).toBe(false);
    expect(isSameOrigin(post("https://tandem.example"), public_)).toBe(true);
  });
});
