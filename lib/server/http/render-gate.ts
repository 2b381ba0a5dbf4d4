/**
 * At most a few page renders at a time. A page render (Next's server rendering plus a dozen
 * database queries) is a chain of short synchronous steps; with eight at once, the steps of all
 * eight run back to back in each turn of the event loop, and a keystroke that another room needs
 * relayed waits behind all of them. Letting only `limit` renders run, and the rest wait their
 * turn, bounds that wait by a couple of steps: in bench:isolation, eight page views at once with
 * imports and an export moved another room's keystroke p99 from 76-107 ms to 28-69 ms, for about
 * 10% fewer page views served per second under that load (BENCHMARKS.md).
 *
 * Only page renders wait (an HTML document or a React Server Components request): assets, API
 * routes, a notebook's state and exports do not go through Next's renderer (and the state, 2.7 MB
 * for a large notebook, must not hold a turn while a slow client reads it); /api/health must
 * answer while renders queue. A render's turn ends when its response is finished or closed, or
 * after `maxTurnMs` at the latest, so that a slow client reading its HTML cannot hold the gate.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Paths under the pages that Next answers with a route handler, not a render: a notebook's state
 * and export, and files (embed.js, favicon.ico, robots.txt).
 */
const NOT_A_RENDER = /\/(state|export)$|\.[a-z0-9]+$/i;

/** True for a request that Next answers by rendering a page, whatever its Accept header. */
export function isPageRender(req: IncomingMessage): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const path = (req.url ?? "/").split("?")[0]!;
  return !path.startsWith("/_next/") && !path.startsWith("/api/") && !NOT_A_RENDER.test(path);
}

export interface RenderGate {
  /** Runs `render` now if a turn is free, else when one is. */
  enter(req: IncomingMessage, res: ServerResponse, render: () => void): void;
  /** Renders running and waiting (for tests and metrics). */
  readonly running: number;
  readonly waiting: number;
}

/** A gate of `limit` turns; 0 lets everything through at once. */
export function createRenderGate(limit: number, maxTurnMs = 2_000): RenderGate {
  let running = 0;
  const queue: Array<() => void> = [];

  const start = (res: ServerResponse, render: () => void) => {
    running += 1;
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      clearTimeout(timer);
      running -= 1;
      queue.shift()?.();
    };
    const timer = setTimeout(end, maxTurnMs);
    res.once("finish", end);
    res.once("close", end);
    render();
  };

  return {
    enter(req, res, render) {
      if (limit <= 0 || !isPageRender(req)) return render();
      if (running < limit) return start(res, render);
      const turn = () => (res.destroyed || res.writableEnded ? queue.shift()?.() : start(res, render));
      queue.push(turn);
    },
    get running() {
      return running;
    },
    get waiting() {
      return queue.length;
    },
  };
}
