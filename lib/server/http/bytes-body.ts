/**
 * A response body for bytes already in memory, without a copy. `new Response(uint8Array)` copies
 * the whole array on the thread that answers (undici's extractBody): 9 ms for a large notebook's
 * 2.7 MB state, on the event loop that relays keystrokes, once per page view. A stream that
 * enqueues the same array hands it over as it is; the length goes in its header.
 */
export function bytesBody(bytes: Uint8Array): { body: ReadableStream<Uint8Array>; length: string } {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
  return { body, length: String(bytes.byteLength) };
}
