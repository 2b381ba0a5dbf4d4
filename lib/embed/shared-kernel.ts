/**
 * One Python for the embeds of one page, when the author asks for it (data-tandem-kernel="shared"):
 * a variable defined in one embedded cell is there in the next, as in a notebook.
 *
 * The frames are separate documents of Tandem's origin, so they meet on a BroadcastChannel named
 * by the page load's token (the loader's). The first frame to need Python takes a Web Lock of the
 * same name and becomes the host: it runs the one kernel, for its own cells and for everyone
 * else's, one run at a time, and tells the others its status. The others are guests: their runs,
 * stops, restarts and input() answers go to the host, and the host's events come back to them.
 * When the host frame goes away, its lock passes to a waiting guest, which starts a new kernel
 * (variables are lost, as on a restart) and takes over; guests send their unfinished runs again
 * to whoever announces itself. Without BroadcastChannel or Web Locks, each frame has its own.
 */
import type { KernelClient, KernelStatus, RunOutcome } from "../kernel/client";
import type { InputRequestMessage, RunEvent } from "../kernel/protocol";
import { createStore } from "../util/store";

type Event = RunEvent | InputRequestMessage;

/** The messages on the page's channel (one protocol, so host and guests cannot disagree). */
export type SharedKernelMessage =
  | { type: "status"; host: string; status: KernelStatus }
  | { type: "run"; id: string; code: string; filename: string }
  | { type: "event"; id: string; event: Event }
  | { type: "done"; id: string; outcome: RunOutcome }
  | { type: "interrupt" }
  | { type: "restart" }
  | { type: "input"; text: string | null };

export interface SharedKernelDeps {
  channel: (name: string) => { postMessage(message: SharedKernelMessage): void; onmessage: ((event: { data: SharedKernelMessage }) => void) | null; close(): void };
  /** navigator.locks.request: calls `hold` once this frame has the lock, and keeps it until `hold` settles. */
  lock: (name: string, hold: () => Promise<void>) => void;
  ownKernel: () => KernelClient;
}

/** Runs one at a time on `kernel`, whoever asks (the kernel client itself takes one at a time). */
function oneAtATime(kernel: KernelClient): KernelClient {
  let chain: Promise<unknown> = Promise.resolve();
  return {
    ...kernel,
    run(code, filename, onEvent) {
      const next = chain.then(() => kernel.run(code, filename, onEvent));
      chain = next.catch(() => undefined);
      return next;
    },
  };
}

export function createSharedKernel(token: string, deps: SharedKernelDeps): KernelClient {
  const name = `tandem-kernel:${token}`;
  const channel = deps.channel(name);
  const status = createStore<KernelStatus>({ phase: "starting", stage: "worker", notice: null });
  const mine = new Map<string, { code: string; filename: string; onEvent: (e: Event) => void; resolve: (o: RunOutcome) => void }>();
  let host: KernelClient | null = null;
  /** Who the host is, as last announced (a guest sends its unanswered runs again to a new one). */
  let hostId: string | null = null;
  /** Runs this frame, as host, has taken: a run sent twice (to two hosts in turn) runs once. */
  const served = new Set<string>();
  let disposed = false;
  let release = () => {};
  const post = (message: SharedKernelMessage) => channel.postMessage(message);

  const becomeHost = () => {
    const own = deps.ownKernel();
    host = oneAtATime(own);
    const me = `${token}:host:${Math.random().toString(36).slice(2)}`;
    const announce = () => {
      status.set(own.status.get());
      post({ type: "status", host: me, status: own.status.get() });
    };
    own.status.subscribe(announce);
    announce();
    // Runs asked of an earlier host that went away, or asked before anyone held the lock.
    for (const [id, run] of mine) void host.run(run.code, run.filename, run.onEvent).then((outcome) => finish(id, outcome));
  };
  const finish = (id: string, outcome: RunOutcome) => {
    const run = mine.get(id);
    mine.delete(id);
    run?.resolve(outcome);
  };

  channel.onmessage = ({ data }) => {
    if (disposed) return;
    if (host) {
      // The host serves the others.
      if (data.type === "run") {
        if (served.has(data.id)) return;
        served.add(data.id);
        void host.run(data.code, data.filename, (event) => post({ type: "event", id: data.id, event })).then((outcome) => post({ type: "done", id: data.id, outcome }));
      } else if (data.type === "interrupt") host.interrupt();
      else if (data.type === "restart") host.restart();
      else if (data.type === "input") host.answerInput(data.text);
      return;
    }
    if (data.type === "status") {
      status.set(data.status);
      // A new host (the first, or one taking over): send it what is still unanswered.
      if (data.host !== hostId) {
        hostId = data.host;
        for (const [id, run] of mine) post({ type: "run", id, code: run.code, filename: run.filename });
      }
    } else if (data.type === "event") mine.get(data.id)?.onEvent(data.event);
    else if (data.type === "done") finish(data.id, data.outcome);
  };

  deps.lock(name, () => {
    if (disposed) return Promise.resolve();
    becomeHost();
    return new Promise<void>((resolve) => (release = resolve));
  });

  return {
    status,
    run(code, filename, onEvent) {
      if (host) return host.run(code, filename, onEvent);
      const id = `${token}:${Math.random().toString(36).slice(2)}`;
      return new Promise<RunOutcome>((resolve) => {
        mine.set(id, { code, filename, onEvent, resolve });
        post({ type: "run", id, code, filename });
      });
    },
    interrupt: () => (host ? host.interrupt() : post({ type: "interrupt" })),
    restart: () => (host ? host.restart() : post({ type: "restart" })),
    answerInput: (text) => (host ? host.answerInput(text) : post({ type: "input", text })),
    dispose() {
      if (disposed) return;
      disposed = true;
      host?.dispose();
      release();
      channel.close();
      for (const id of [...mine.keys()]) finish(id, "restarted");
    },
  };
}

/** The browser's channel and locks, or null where either is missing (each frame then has its own). */
export function browserSharing(ownKernel: () => KernelClient): SharedKernelDeps | null {
  if (typeof BroadcastChannel === "undefined" || typeof navigator === "undefined" || !navigator.locks) return null;
  return {
    channel: (name) => new BroadcastChannel(name) as unknown as ReturnType<SharedKernelDeps["channel"]>,
    lock: (name, hold) => void navigator.locks.request(name, hold).catch(() => undefined),
    ownKernel,
  };
}
