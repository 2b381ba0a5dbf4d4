/**
 * Liveness and readiness (app/api/health, app/api/ready, lib/server/ops/readiness.ts) through the
 * real route handlers, the real databases and the real Redis at 127.0.0.1:6379: ready when all
 * answer; 503 naming the check while draining, when the database is unreachable or hangs, and,
 * with TANDEM_REDIS_URL set, when Redis is unreachable, hangs or refuses; never a secret in the body.
 */
import { createServer, type Server, type Socket } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { GET as ready } from "@/app/api/ready/route";
import { serverContext } from "@/lib/server/context";
import { createDb, getDb } from "@/lib/server/db/client";
import { parseDatabaseUrl } from "@/lib/server/db/config";
import { resetSettings } from "@/lib/server/env";
import { checkReadiness } from "@/lib/server/ops/readiness";
import { pingRedis } from "@/lib/server/ops/redis-ping";
import { testBackends } from "../support/databases";
import { useRouteDatabase } from "../support/route-database";

const REDIS = "redis://127.0.0.1:6379";

/** A TCP server that accepts connections and never says a word (a hung database or Redis). */
async function silentServer(): Promise<{ port: number; drop(): void; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    /** Cuts the connections it holds (so that their clients stop waiting). */
    drop: () => {
      for (const socket of sockets) socket.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port nobody listens on (taken, then freed). */
async function closedPort(): Promise<number> {
  const server = await silentServer();
  await server.close();
  return server.port;
}

/** Multi-instance mode needs the shared auth secret too (env.ts). */
function withRedis(url: string | undefined): void {
  if (url === undefined) delete process.env.TANDEM_REDIS_URL;
  else process.env.TANDEM_REDIS_URL = url;
  process.env.TANDEM_AUTH_SECRET ??= "readiness-test-secret-0123456789abcdef";
  resetSettings();
}

afterEach(() => {
  serverContext().draining = false;
  withRedis(undefined);
});

describe("liveness", () => {
  it("answers without asking any database", async () => {
    // No database is configured for this describe block: liveness must not need one.
    const response = health();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });
});

for (const backend of testBackends()) {
  describe(`readiness on ${backend.name}`, () => {
    useRouteDatabase(backend);
    // The pool's first connection is opened here, not inside a check's deadline.
    beforeAll(async () => {
      await getDb().$queryRaw`SELECT 1`;
    });

    it("is ready when the database answers, with Redis off when not configured", async () => {
      const response = await ready();
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ ok: true, failed: [], checks: { process: "ok", database: "ok", redis: "off" } });
    });

    it("answers 503 while the process drains (a stop signal came)", async () => {
      serverContext().draining = true;
      const response = await ready();
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ ok: false, failed: ["process"], checks: { process: "draining", database: "skipped", redis: "skipped" } });
    });

    it("checks Redis when TANDEM_REDIS_URL is set: ready when it answers PING, 503 naming it when it does not", async () => {
      withRedis(REDIS);
      const up = await ready();
      expect(up.status).toBe(200);
      expect((await up.json()).checks).toEqual({ process: "ok", database: "ok", redis: "ok" });

      withRedis(`redis://127.0.0.1:${await closedPort()}`);
      const down = await ready();
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({ ok: false, failed: ["redis"], checks: { process: "ok", database: "ok", redis: "unreachable" } });
    });
  });
}

describe("readiness checks", () => {
  let hung: Awaited<ReturnType<typeof silentServer>>;
  beforeAll(async () => {
    hung = await silentServer();
  });
  afterAll(async () => {
    await hung.close();
  });

  it("names an unreachable database, and not its address or user", async () => {
    const url = `postgresql://tandem:s3cret-password@127.0.0.1:${await closedPort()}/tandem`;
    const db = createDb(parseDatabaseUrl(url));
    try {
      const result = await checkReadiness({ draining: false, queryDatabase: () => db.$queryRaw`SELECT 1`, redisUrl: null });
      expect(result).toEqual({ ok: false, failed: ["database"], checks: { process: "ok", database: "unreachable", redis: "off" } });
      expect(JSON.stringify(result)).not.toMatch(/s3cret|tandem:|127\.0\.0\.1/);
    } finally {
      await db.$disconnect();
    }
  });

  it("names a database that does not answer in time", async () => {
    const db = createDb(parseDatabaseUrl(`postgresql://postgres@127.0.0.1:${hung.port}/test`));
    try {
      const result = await checkReadiness({ draining: false, queryDatabase: () => db.$queryRaw`SELECT 1`, redisUrl: null, timeoutMs: 300 });
      expect(result.failed).toEqual(["database"]);
      expect(result.checks.database).toBe("timeout");
    } finally {
      hung.drop();
      await db.$disconnect().catch(() => undefined);
    }
  });

  it("names Redis that hangs, refuses the password, or is down, and never echoes its URL", async () => {
    const ok = () => Promise.resolve(1);
    const hanging = await checkReadiness({ draining: false, queryDatabase: ok, redisUrl: `redis://127.0.0.1:${hung.port}`, timeoutMs: 300 });
    expect(hanging).toEqual({ ok: false, failed: ["redis"], checks: { process: "ok", database: "ok", redis: "timeout" } });
    // This Redis has no password: AUTH is answered with an error.
    const refused = await checkReadiness({ draining: false, queryDatabase: ok, redisUrl: "redis://:wrong-redis-password@127.0.0.1:6379" });
    expect(refused.checks.redis).toBe("refused");
    expect(JSON.stringify(refused)).not.toContain("wrong-redis-password");
    expect(await pingRedis(REDIS)).toBeNull();
    // Both down at once: both named, in order.
    const both = await checkReadiness({ draining: false, queryDatabase: () => Promise.reject(new Error("down")), redisUrl: `redis://127.0.0.1:${await closedPort()}` });
    expect(both.failed).toEqual(["database", "redis"]);
  });

  it("asks nothing while draining", async () => {
    let asked = false;
    const result = await checkReadiness({ draining: true, queryDatabase: async () => (asked = true), redisUrl: REDIS });
    expect(result.failed).toEqual(["process"]);
    expect(asked).toBe(false);
  });
});
