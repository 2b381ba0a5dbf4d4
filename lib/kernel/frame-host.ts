/**
 * The kernel frame's script (public/kernel/frame.js, bundled by lib/server/kernel/assets.ts): the
 * document at KERNEL_FRAME_PATH is sandboxed into an opaque origin, and this starts the Python
 * worker there, so cell code has none of the person's cookies, storage or same-origin requests
 * (lib/protocol/kernel-frame.ts, docs/adr/0005-kernel-origin.md).
 *
 * The worker is a classic one from a `blob:` URL of the script the page fetched: a module worker
 * cannot start from `blob:` here, nor from the app's URL in an opaque origin. Pyodide refuses
 * classic workers by probing `importScripts`, so that is made to throw first.
 *
 * The frame owns the shared buffers (a cross-origin isolated page cannot share memory with an
 * opaque origin) and writes them when the page says: Stop, and the answer to input().
 */
import type { FrameToPage, PageToFrame, WorkerConnect } from "../protocol/kernel-frame";
import { writeInputEof, writeInputReply } from "./input-buffer";
import { INPUT_BUFFER_BYTES, SIGINT } from "./protocol";

const CLASSIC_GUARD = 'self.importScripts = () => { throw new TypeError("Tandem\'s kernel is a module worker"); };\n';

function isPageToFrame(value: unknown): value is PageToFrame {
  if (typeof value !== "object" || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === "tandem-kernel:start" || type === "tandem-kernel:interrupt" || type === "tandem-kernel:input";
}

const tell = (message: FrameToPage) => parent.postMessage(message, "*");

let worker: Worker | null = null;
let interrupt: Int32Array | null = null;
let input: SharedArrayBuffer | null = null;

function start(source: string, name: string, port: MessagePort | undefined): void {
  if (worker !== null || port === undefined) return;
  const shared = self.crossOriginIsolated === true && typeof SharedArrayBuffer !== "undefined";
  const interruptBuffer = shared ? new SharedArrayBuffer(4) : null;
  const inputBuffer = shared ? new SharedArrayBuffer(INPUT_BUFFER_BYTES) : null;
  interrupt = interruptBuffer ? new Int32Array(interruptBuffer) : null;
  input = inputBuffer;
  const url = URL.createObjectURL(new Blob([CLASSIC_GUARD, source], { type: "text/javascript" }));
  try {
    worker = new Worker(url, { name });
  } catch (error) {
    tell({ type: "tandem-kernel:error", message: `The Python worker could not start: ${error instanceof Error ? error.message : String(error)}` });
    return;
  }
  worker.onerror = (event) => {
    event.preventDefault();
    tell({ type: "tandem-kernel:error", message: event.message || "The Python worker failed." });
  };
  const connect: WorkerConnect = { type: "tandem-kernel:connect", port, interruptBuffer, inputBuffer };
  worker.postMessage(connect, [port]);
}

addEventListener("message", (event: MessageEvent<unknown>) => {
  // Only the page that framed this: output frames are its siblings and could post here too.
  if (event.source !== parent || !isPageToFrame(event.data)) return;
  const message = event.data;
  switch (message.type) {
    case "tandem-kernel:start":
      start(message.source, message.name, event.ports[0]);
      return;
    case "tandem-kernel:interrupt":
      if (interrupt) {
        Atomics.store(interrupt, 0, SIGINT);
        Atomics.notify(interrupt, 0); // wakes a time.sleep at once (worker/sleep.ts)
      }
      return;
    case "tandem-kernel:input":
      if (input) {
        if (message.text === null) writeInputEof(input);
        else writeInputReply(input, message.text);
      }
      return;
  }
});
