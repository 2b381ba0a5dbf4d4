/**
 * The page's side of a kernel frame (lib/protocol/kernel-frame.ts): starts Python in a worker inside a
 * sandboxed frame, so cell code runs in an opaque origin with none of the person's session, and
 * offers it to the kernel client as a WorkerLike. The page and the worker talk directly over a
 * MessageChannel; only Stop and input() answers go through the frame, which owns the shared memory.
 *
 * The page fetches the worker's script and, for the worker, Pyodide's files and its snapshot
 * (host-services.ts): the page's HTTP cache and Cache Storage outlive the frame's opaque origin.
 */
import type { KernelSignals, WorkerLike } from "./client";
import { KERNEL_FRAME_PATH, isHostRequest, type FrameStart, type PageToFrame } from "../protocol/kernel-frame";
import { createHostServices } from "./host-services";
import { isKernelToPage, type PageToKernel } from "./protocol";
import type { SnapshotStore } from "./snapshot-cache";

export interface KernelFrameOptions {
  /** The worker's script (public/kernel/worker.js), fetched by the page. */
  readonly workerUrl: string;
  /** The worker's name in devtools. */
  readonly name: string;
  /** Absolute URL prefixes the page fetches under for the worker (host-services.ts). */
  readonly prefixes: readonly string[];
  readonly snapshots: (key: string) => SnapshotStore | null;
  /** Files to fetch at once for the worker (host-services.ts). */
  readonly prefetch?: readonly string[];
}

/** How long the frame's worker may take to say anything at all (it speaks as soon as it runs). */
export const START_TIMEOUT_MS = 30_000;

/** A kernel worker in its frame: a WorkerLike whose Stop and input() go through the frame. */
export type FramedWorker = WorkerLike & { readonly signals: KernelSignals };

export function launchKernelFrame(options: KernelFrameOptions): FramedWorker {
  const channel = new MessageChannel();
  const frame = document.createElement("iframe");
  frame.sandbox.add("allow-scripts");
  frame.allow = "cross-origin-isolated";
  frame.src = KERNEL_FRAME_PATH;
  frame.title = "Python";
  frame.hidden = true;
  frame.tabIndex = -1;
  frame.setAttribute("aria-hidden", "true");

  let gone = false;
  const tellFrame = (message: PageToFrame, transfer: Transferable[] = []) => {
    if (!gone) frame.contentWindow?.postMessage(message, "*", transfer);
  };
  const fail = (message: string) => {
    heard();
    if (!gone) like.onerror?.({ message });
  };

  const services = createHostServices(channel.port1, { prefixes: options.prefixes, snapshots: options.snapshots, prefetch: options.prefetch ?? [] });
  channel.port1.onmessage = (event: MessageEvent<unknown>) => {
    heard();
    const data = event.data;
    if (isHostRequest(data)) return services.handle(data);
    if (isKernelToPage(data) && (data.type === "ready" || data.type === "fatal")) services.booted();
    like.onmessage?.({ data });
  };

  const onFrameMessage = (event: MessageEvent<unknown>) => {
    if (event.source !== frame.contentWindow) return;
    const data = event.data as { type?: unknown; message?: unknown } | null;
    if (data?.type === "tandem-kernel:error") fail(typeof data.message === "string" ? data.message : "The Python worker failed.");
  };
  addEventListener("message", onFrameMessage);

  // A frame whose script never ran (a proxy that mangled it, a 404) would leave Python "starting"
  // for ever: the worker's first word (its progress) is due within START_TIMEOUT_MS of the start.
  let watchdog: ReturnType<typeof setTimeout> | null = null;
  const heard = () => {
    if (watchdog !== null) clearTimeout(watchdog);
    watchdog = null;
  };

  const source = fetch(options.workerUrl).then((response) => {
    if (!response.ok) throw new Error(`${options.workerUrl} answered ${response.status}`);
    return response.text();
  });
  frame.addEventListener(
    "load",
    () => {
      source.then(
        (text) => {
          const start: FrameStart = { type: "tandem-kernel:start", source: text, name: options.name };
          tellFrame(start, [channel.port2]);
          watchdog = setTimeout(() => fail("Python's frame did not start its worker. Reload the page to try again."), START_TIMEOUT_MS);
        },
        (error: unknown) => fail(`The Python worker could not be loaded: ${error instanceof Error ? error.message : String(error)}`),
      );
    },
    { once: true },
  );
  document.body.append(frame);

  const like: FramedWorker = {
    postMessage: (message: PageToKernel) => channel.port1.postMessage(message),
    terminate() {
      if (gone) return;
      gone = true;
      heard();
      removeEventListener("message", onFrameMessage);
      channel.port1.close();
      frame.remove(); // ends the frame's worker with it
    },
    onmessage: null,
    onerror: null,
    signals: {
      interrupt: () => tellFrame({ type: "tandem-kernel:interrupt" }),
      answer: (text) => tellFrame({ type: "tandem-kernel:input", text }),
    },
  };
  return like;
}
