import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocket, WebSocketServer } from "ws";
import { describe, expect, it } from "vitest";
import { binaryFrame } from "./frame";

describe("binaryFrame", () => {
  it("frames messages of every length class, and they interleave with ws's own frames on one socket", async () => {
    const sizes = [0, 1, 125, 126, 65_535, 65_536, 70_000];
    const messages = sizes.map((size) => Uint8Array.from({ length: size }, (_, i) => (i * 7 + size) % 256));
    const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
    const server = createServer();
    server.on("upgrade", (req, socket, head) =>
      wss.handleUpgrade(req, socket, head, (ws) => {
        for (const message of messages) {
          socket.write(binaryFrame(message));
          ws.ping();
          ws.send(`after ${message.length}`);
        }
        // The same message again is the same frame, and it still arrives whole.
        socket.write(binaryFrame(messages[3]!));
        socket.write(binaryFrame(messages[3]!));
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
    const received: Array<string | number[]> = [];
    client.on("ping", () => received.push("ping"));
    client.on("message", (data: Buffer, binary) => received.push(binary ? [...data] : data.toString()));
    const expected = [...messages.flatMap((m) => [[...m], "ping", `after ${m.length}`]), [...messages[3]!], [...messages[3]!]];
    await new Promise<void>((resolve, reject) => {
      const check = setInterval(() => {
        if (received.length >= expected.length) resolve(clearInterval(check));
      }, 10);
      client.once("error", reject);
    });
    expect(received).toEqual(expected);
    expect(binaryFrame(messages[2]!)).toBe(binaryFrame(messages[2]!));
    client.close();
    wss.close();
    server.close();
  });
});
