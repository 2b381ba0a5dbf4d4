import { afterEach, describe, expect, it, vi } from "vitest";
import type { KernelClient, KernelClientOptions } from "../kernel/client";
import type { SharedKernelDeps } from "./shared-kernel";

/** The kernel clients made, with the options they were made with (no worker starts). */
const made = vi.hoisted(() => [] as { packageBaseUrl: string | null | undefined }[]);

vi.mock("../kernel/client", () => ({
  createKernelClient: (options: KernelClientOptions) => {
    made.push({ packageBaseUrl: options.packageBaseUrl });
    return { dispose: () => {} } as unknown as KernelClient;
  },
}));

// The embed's own page: relative package sources resolve against it (the worker's base is blob:).
vi.stubGlobal("location", new URL("https://tandem.example/embed/abc"));

// A browser that can share: the page's one Python is made by the frame that becomes its host.
vi.mock("./shared-kernel", () => ({
  browserSharing: (ownKernel: () => KernelClient): SharedKernelDeps => ({ channel: () => ({ postMessage() {}, onmessage: null, close() {} }), lock() {}, ownKernel }),
  createSharedKernel: (_token: string, deps: SharedKernelDeps) => deps.ownKernel(),
}));

const { createEmbedKernel, createOwnKernel } = await import("./embed-kernel");

const MIRROR = "https://mirror.example/pyodide/v314.0.7/full/";

afterEach(() => void made.splice(0));

describe("an embed's Python", () => {
  it("loads packages from the package source the server configured, like the notebook page", () => {
    createOwnKernel(MIRROR);
    createOwnKernel("/pyodide-packages/");
    expect(made).toEqual([{ packageBaseUrl: MIRROR }, { packageBaseUrl: "https://tandem.example/pyodide-packages/" }]);
  });

  it("has no packages when the server turned them off", () => {
    createEmbedKernel(null, null);
    expect(made).toEqual([{ packageBaseUrl: null }]);
  });

  it("passes the source on, whether the frame has its own Python or hosts the page's shared one", () => {
    createEmbedKernel(null, MIRROR);
    createEmbedKernel("page-token", MIRROR);
    expect(made).toEqual([{ packageBaseUrl: MIRROR }, { packageBaseUrl: MIRROR }]);
  });
});
