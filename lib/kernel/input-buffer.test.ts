import { describe, expect, it } from "vitest";

import {
  INPUT_TEXT_CAPACITY,
  resetInputBuffer,
  waitForInputReply,
  writeInputEof,
  writeInputReply,
} from "./input-buffer";
import { INPUT_BUFFER_BYTES, INPUT_EOF, INPUT_READY, INPUT_WAITING, SIGINT } from "./protocol";

function buffers() {
  const input = new SharedArrayBuffer(INPUT_BUFFER_BYTES);
  const interrupt = new Int32Array(new SharedArrayBuffer(4));
  return { input, interrupt, state: new Int32Array(input, 0, 2) };
}

describe("input buffer", () => {
  it("carries a reply from page to worker, then waits again", () => {
    const { input, interrupt, state } = buffers();
    writeInputReply(input, "Zoë 🙂");
    expect(Atomics.load(state, 0)).toBe(INPUT_READY);
    expect(waitForInputReply(input, { interrupt })).toEqual({ status: "reply", text: "Zoë 🙂" });
    expect(Array.from(state)).toEqual([INPUT_WAITING, 0]);
  });

  it("carries an empty reply", () => {
    const { input } = buffers();
    writeInputReply(input, "");
    expect(waitForInputReply(input, { interrupt: null })).toEqual({ status: "reply", text: "" });
  });

  it("reports the page giving up as end of file", () => {
    const { input, interrupt, state } = buffers();
    writeInputEof(input);
    expect(Atomics.load(state, 0)).toBe(INPUT_EOF);
    expect(waitForInputReply(input, { interrupt })).toEqual({ status: "eof" });
    expect(Atomics.load(state, 0)).toBe(INPUT_WAITING);
  });

  it("stops waiting on an interrupt, and takes it so Pyodide does not raise a second one", () => {
    const { input, interrupt } = buffers();
    resetInputBuffer(input);
    Atomics.store(interrupt, 0, SIGINT);
    expect(waitForInputReply(input, { interrupt, sliceMs: 1 })).toEqual({ status: "interrupted" });
    expect(Atomics.load(interrupt, 0)).toBe(0);
  });

  it("prefers a reply that is already there over an interrupt", () => {
    const { input, interrupt } = buffers();
    writeInputReply(input, "in time");
    Atomics.store(interrupt, 0, SIGINT);
    expect(waitForInputReply(input, { interrupt })).toEqual({ status: "reply", text: "in time" });
    expect(Atomics.load(interrupt, 0)).toBe(SIGINT);
  });

  it("cuts an over-long reply at a character boundary", () => {
    const { input } = buffers();
    const long = "é".repeat(INPUT_TEXT_CAPACITY); // two bytes each: twice the capacity
    writeInputReply(input, long);
    const outcome = waitForInputReply(input, { interrupt: null });
    expect(outcome.status).toBe("reply");
    const text = outcome.status === "reply" ? outcome.text : "";
    expect(text).toBe("é".repeat(Math.floor(INPUT_TEXT_CAPACITY / 2)));
  });

  it("names the sizes when the buffer is too small", () => {
    expect(() => writeInputReply(new SharedArrayBuffer(16), "x")).toThrow(`Input buffer too small: 16 bytes, need ${INPUT_BUFFER_BYTES}`);
  });
});
