import { describe, expect, it } from "vitest";
import { isKernelToPage, isRunEvent, type KernelToPage } from "./protocol";

describe("the kernel protocol", () => {
  it("accepts every worker message type, including code intelligence replies", () => {
    const messages: KernelToPage[] = [
      { type: "progress", stage: "runtime" },
      { type: "complete_reply", requestId: 1, from: 5, to: 7, matches: [{ label: "sqrt", kind: "function" }] },
      { type: "inspect_reply", requestId: 2, found: false },
      {
        type: "inspect_reply",
        requestId: 3,
        found: true,
        name: "print",
        typeName: "builtin_function_or_method",
        signature: "print(*args)",
        doc: "Prints the values to a stream.",
        value: null,
      },
    ];
    for (const message of messages) expect(isKernelToPage(message)).toBe(true);
  });

  it("rejects what is not a message, and keeps replies out of a run's events", () => {
    expect(isKernelToPage({ type: "complete" })).toBe(false); // a page message, not a reply
    expect(isKernelToPage(null)).toBe(false);
    expect(isKernelToPage("complete_reply")).toBe(false);
    expect(isRunEvent({ type: "complete_reply", requestId: 1, from: 0, to: 0, matches: [] })).toBe(false);
  });
});
