import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { PYODIDE_CDN_URL } from "../kernel/worker/packages";
import { parseFrameAncestors, parsePackageSource, readServerEnv } from "./env";

describe("which sites may frame embeds", () => {
  it("is any site by default, or the sources given", () => {
    expect(readServerEnv({}).embedFrameAncestors).toBe("*");
    expect(parseFrameAncestors("  https://blog.example.com   https://*.school.org:8443 'self' ")).toBe("https://blog.example.com https://*.school.org:8443 'self'");
    expect(parseFrameAncestors("'none'")).toBe("'none'");
    expect(parseFrameAncestors("https:")).toBe("https:");
  });

  it("refuses what could smuggle another directive into the policy, naming the variable", () => {
    for (const bad of ["", "https://a.example; script-src *", "https://a.example,https://b.example", "'unsafe-inline'", "javascript:alert(1)//"]) {
      expect(() => parseFrameAncestors(bad)).toThrow(/TANDEM_EMBED_FRAME_ANCESTORS/);
    }
  });
});

describe("settings", () => {
  it("has a default for everything", () => {
    const env = readServerEnv({});
    expect(env).toMatchObject({ port: 3000, publicOrigin: "http://localhost:3000", trustedProxies: 0, pyodidePackageUrl: PYODIDE_CDN_URL, seedDir: "notebooks" });
    expect(env.allowedOrigins).toEqual(["http://localhost:3000", "http://127.0.0.1:3000"]);
    // One fewer than the cores, 1 to 4.
    expect(env.workThreads).toBe(Math.min(4, Math.max(1, availableParallelism() - 1)));
    expect(env.limits).toEqual({
      notebookCreate: 30,
      classJoin: 30,
      classCreate: 20,
      versionSave: 30,
      guestComment: 20,
      signInAccount: 5,
      signInAddress: 20,
      signUpAddress: 10,
      socketsPerAddress: 200,
      bodyBytes: 1024 * 1024,
      notebookBytes: 10 * 1024 * 1024,
    });
  });

  it("reads the largest notebook from TANDEM_MAX_NOTEBOOK_BYTES, or its earlier name TANDEM_MAX_IMPORT_BYTES", () => {
    expect(readServerEnv({ TANDEM_MAX_NOTEBOOK_BYTES: "2048" }).limits.notebookBytes).toBe(2048);
    expect(readServerEnv({ TANDEM_MAX_IMPORT_BYTES: "4096" }).limits.notebookBytes).toBe(4096);
    expect(readServerEnv({ TANDEM_MAX_NOTEBOOK_BYTES: "2048", TANDEM_MAX_IMPORT_BYTES: "4096" }).limits.notebookBytes).toBe(2048);
    expect(() => readServerEnv({ TANDEM_MAX_NOTEBOOK_BYTES: "10" })).toThrow(/TANDEM_MAX_NOTEBOOK_BYTES must be a whole number from 1024 up/);
  });

  it("reads what is set", () => {
    const env = readServerEnv({
      PORT: "8080",
      TANDEM_PUBLIC_URL: "https://Tandem.Example/",
      TANDEM_ALLOWED_ORIGINS: "https://www.tandem.example, http://10.0.0.5:8080",
      TANDEM_TRUST_PROXY: "2",
      TANDEM_VERSION_SAVE_LIMIT: " 7 ",
      TANDEM_PYODIDE_PACKAGE_URL: "/pyodide-packages/",
      TANDEM_WORK_THREADS: "0",
    });
    expect(env.publicOrigin).toBe("https://tandem.example");
    expect(env.allowedOrigins).toEqual(["https://tandem.example", "https://www.tandem.example", "http://10.0.0.5:8080"]);
    expect(env.trustedProxies).toBe(2);
    expect(env.limits.versionSave).toBe(7);
    expect(env.pyodidePackageUrl).toBe("/pyodide-packages/");
    expect(env.workThreads).toBe(0);
  });

  it("reads Redis and the metrics token, off when unset, and never echoes a Redis password", () => {
    expect(readServerEnv({}).redisUrl).toBeNull();
    expect(readServerEnv({}).metricsToken).toBeNull();
    const secret = { TANDEM_AUTH_SECRET: "0123456789abcdef0123456789abcdef" };
    const env = readServerEnv({ ...secret, TANDEM_REDIS_URL: " redis://redis:6379/0 ", TANDEM_METRICS_TOKEN: "0123456789abcdef0123" });
    expect(env.redisUrl).toBe("redis://redis:6379/0");
    // Several instances must sign sessions (and forwarded sockets) with one secret: no secret, no start.
    expect(() => readServerEnv({ TANDEM_REDIS_URL: "redis://redis:6379" })).toThrow(/TANDEM_AUTH_SECRET/);
    expect(env.metricsToken).toBe("0123456789abcdef0123");
    expect(() => readServerEnv({ TANDEM_REDIS_URL: "tcp://user:hunter2@redis:6379" })).toThrow(/TANDEM_REDIS_URL/);
    expect(() => readServerEnv({ TANDEM_REDIS_URL: "tcp://user:hunter2@redis:6379" })).not.toThrow(/hunter2/);
  });

  it("says where other instances reach this one: TANDEM_INSTANCE_ADDRESS, else this host's name and PORT", () => {
    expect(readServerEnv({ PORT: "3100" }).instanceAddress).toMatch(/^[^:]+:3100$/);
    expect(readServerEnv({ TANDEM_INSTANCE_ADDRESS: "app1:3000" }).instanceAddress).toBe("app1:3000");
    expect(() => readServerEnv({ TANDEM_INSTANCE_ADDRESS: "http://app1:3000/" })).toThrow(/TANDEM_INSTANCE_ADDRESS/);
  });

  it("takes packages from the official CDN of the bundled Pyodide unless told a mirror, or off", () => {
    expect(PYODIDE_CDN_URL).toBe("https://cdn.jsdelivr.net/pyodide/v314.0.7/full/");
    expect(parsePackageSource(undefined)).toBe(PYODIDE_CDN_URL);
    expect(parsePackageSource("  ")).toBe(PYODIDE_CDN_URL);
    expect(parsePackageSource("off")).toBeNull();
    expect(parsePackageSource(" OFF ")).toBeNull();
    expect(parsePackageSource("/pyodide-packages")).toBe("/pyodide-packages/");
    expect(parsePackageSource("https://mirror.school.example/pyodide/314.0.7")).toBe("https://mirror.school.example/pyodide/314.0.7/");
    expect(parsePackageSource("http://10.0.0.5:8080/full/")).toBe("http://10.0.0.5:8080/full/");
    expect(readServerEnv({ TANDEM_PYODIDE_PACKAGE_URL: "off" }).pyodidePackageUrl).toBeNull();
  });

  it("refuses a package source that is neither off, a URL nor a path, naming the variable", () => {
    for (const bad of ["//cdn.example/pyodide/", "cdn.example/pyodide", "ftp://cdn.example/", "javascript:alert(1)", "https://a.example/x y/", "https://a.example/?v=1", "https://user:pw@a.example/", "/a\\b/", "none", "false"]) {
      expect(() => parsePackageSource(bad), bad).toThrow(/TANDEM_PYODIDE_PACKAGE_URL must be "off"/);
    }
  });

  it("refuses a bad value, naming the variable, instead of a silent NaN or default", () => {
    const bad: [string, string][] = [
      ["TANDEM_NOTEBOOK_CREATE_LIMIT", "3O"],
      ["TANDEM_SIGNIN_ACCOUNT_LIMIT", "-1"],
      ["TANDEM_SIGNIN_ADDRESS_LIMIT", "0"],
      ["TANDEM_CLASS_JOIN_LIMIT", "1.5"],
      ["TANDEM_SOCKETS_PER_ADDRESS", "many"],
      ["TANDEM_MAX_BODY_BYTES", "10"],
      ["TANDEM_TRUST_PROXY", "true"],
      ["TANDEM_TRUST_PROXY", "11"],
      ["TANDEM_WORK_THREADS", "33"],
      ["TANDEM_WORK_THREADS", "two"],
      ["PORT", "70000"],
      ["TANDEM_PUBLIC_URL", "tandem.example"],
      ["TANDEM_PUBLIC_URL", "ftp://tandem.example"],
      ["TANDEM_ALLOWED_ORIGINS", "https://ok.example, javascript:alert(1)"],
      ["TANDEM_PYODIDE_PACKAGE_URL", "//cdn.example/pyodide/"],
      ["TANDEM_REDIS_URL", "localhost:6379"],
      ["TANDEM_REDIS_URL", "http://redis:6379"],
      ["TANDEM_METRICS_TOKEN", "short"],
      ["TANDEM_METRICS_TOKEN", "sixteen chars but spaces"],
    ];
    for (const [name, value] of bad) expect(() => readServerEnv({ [name]: value }), `${name}=${value}`).toThrow(new RegExp(name));
  });
});
