/**
 * GET /api/classes/<id>/events -> a server-sent event stream for the class's members (anyone else,
 * a guest included: 404): a `change` event each time something in the class changes
 * (class-events.ts), and a comment every HEARTBEAT_MS so that proxies keep the connection. The
 * events carry no data; the page renders again and reads only what its viewer may see.
 */
import { onClassChanged } from "@/lib/server/classroom/class-events";
import { classRole } from "@/lib/server/classroom/classes";
import { getDb } from "@/lib/server/db/client";
import { defineRoute } from "@/lib/server/http/route";
import { fail } from "@/lib/util/result";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 25_000;

export const GET = defineRoute({
  auth: "user",
  params: ["id"],
  run: async ({ viewer, params, request }) => {
    if ((await classRole(getDb(), viewer.id, params.id)) === null) return fail("not_found", "There is no such class.");
    const encoder = new TextEncoder();
    let stop = () => {};
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const send = (text: string) => {
          try {
            controller.enqueue(encoder.encode(text));
          } catch {
            stop(); // the stream is closed
          }
        };
        send(": connected\n\n");
        const unsubscribe = onClassChanged(params.id, () => send("event: change\ndata: {}\n\n"));
        const heartbeat = setInterval(() => send(": still here\n\n"), HEARTBEAT_MS);
        stop = () => {
          unsubscribe();
          clearInterval(heartbeat);
        };
        request.signal.addEventListener("abort", () => {
          stop();
          try {
            controller.close();
          } catch {
            // already closed
          }
        });
      },
      cancel() {
        stop();
      },
    });
    return new Response(stream, {
      headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", "x-accel-buffering": "no" },
    });
  },
});
