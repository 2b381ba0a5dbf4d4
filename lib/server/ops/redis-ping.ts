/**
 * Whether Redis answers, for the readiness check: one short connection that sends PING (after
 * AUTH when the URL carries credentials) and expects +PONG, within a deadline.
 *
 * Why not a Redis client library: readiness needs one round trip, and a client with its own
 * reconnect loop would keep retrying in the background and hide exactly the outage the check is
 * for. The multi-instance mode's own client (leases, events) is a separate matter. RESP is the
 * protocol's array-of-bulk-strings form; replies are simple strings (+OK, +PONG) or errors (-ERR).
 */
import { connect as connectTcp, type Socket } from "node:net";
import { connect as connectTls } from "node:tls";

/** Why Redis is not ready; never contains the URL or its password. */
export type RedisProblem = "unreachable" | "timeout" | "refused";

function command(...parts: string[]): string {
  return `*${parts.length}\r\n${parts.map((p) => `$${Buffer.byteLength(p)}\r\n${p}\r\n`).join("")}`;
}

/** Null when Redis at `url` answered PING in time, else what went wrong. */
export function pingRedis(url: string, timeoutMs = 1_000): Promise<RedisProblem | null> {
  const parsed = new URL(url);
  const port = Number(parsed.port || 6379);
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  const user = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  const commands = password ? [user ? command("AUTH", user, password) : command("AUTH", password)] : [];
  commands.push(command("PING"));
  return new Promise((resolve) => {
    let settled = false;
    let received = "";
    const socket: Socket = parsed.protocol === "rediss:" ? connectTls({ host, port, servername: host }) : connectTcp({ host, port });
    const finish = (problem: RedisProblem | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(problem);
    };
    const timer = setTimeout(() => finish("timeout"), timeoutMs);
    socket.setNoDelay(true);
    socket.once(parsed.protocol === "rediss:" ? "secureConnect" : "connect", () => socket.write(commands.join("")));
    socket.on("data", (chunk: Buffer) => {
      received += chunk.toString("latin1");
      const lines = received.split("\r\n").slice(0, -1);
      if (lines.some((line) => line.startsWith("-"))) return finish("refused");
      if (lines.length >= commands.length) finish(lines[lines.length - 1] === "+PONG" ? null : "refused");
    });
    socket.on("error", () => finish("unreachable"));
    socket.on("close", () => finish("unreachable"));
  });
}
