/**
 * The production recipe (compose.yaml, Dockerfile, deploy/nginx.conf) checked against the app, as
 * far as can be without Docker (not installed here): every variable compose sets is one the app
 * reads and README documents; the secrets the app needs across instances are set; the proxy's
 * upstreams are exactly the app services, on the port they listen on; WebSockets are upgraded on
 * /collab/; healthchecks ask endpoints that exist (readiness for compose, liveness for the image);
 * depends_on waits on health; the Dockerfile builds and starts with package.json's own scripts,
 * as a non-root user. Then the same topology is started with processes, on the machine's
 * PostgreSQL and Redis: one instance per app service with the environment compose gives it (hosts
 * turned into loopback ports), behind a round-robin front in nginx's place.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { resetAuth } from "@/lib/server/auth/auth";
import { disconnectDb, getDb } from "@/lib/server/db/client";
import { migrateDatabase } from "@/lib/server/db/migrate";
import { createNotebook } from "@/lib/server/notebooks/create";
import { CLUSTER_TEST_SECRET, REDIS_URL, connectClient, converged, counters, roundRobin, startInstance, synced, type, type Client, type Instance } from "../support/cluster";
import { testBackends } from "../support/databases";
import { signUpThroughRoute } from "../support/route-accounts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");

interface Service {
  build?: unknown;
  image?: string;
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}
const compose = parse(read("compose.yaml"), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;
const appServices = Object.entries(services).filter(([, s]) => s.build !== undefined);
const nginx = read("deploy/nginx.conf");
const dockerfile = read("Dockerfile");
const scripts = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts;

/** The server-side sources: what `npm start` runs (server.ts, scripts, lib), tests and generated code aside. */
function serverSources(): string {
  const files = ["server.ts", ...["scripts", "lib"].flatMap((dir) => readdirSync(path.join(ROOT, dir), { recursive: true }).map((f) => path.join(dir, String(f))))];
  return files
    .filter((f) => /\.ts$/.test(f) && !/\.test\.ts$/.test(f) && !f.includes(`db${path.sep}generated`))
    .map((f) => read(f))
    .join("\n");
}
const sources = serverSources();
/** Whether the app's code reads environment variable `name` (env.NAME, process.env.NAME, or by its name in quotes). */
const appReads = (name: string) => new RegExp(`\\benv\\.${name}\\b|["'\`]${name}["'\`]`).test(sources);
/** The variables README's Configuration table documents. */
const documented = new Set([...read("README.md").matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((m) => m[1]!));
/** A value without compose's ${VAR:-default} / ${VAR:?message} interpolation: the default, or "" for a required one. */
const interpolated = (value: string) => value.replace(/\$\{[A-Z0-9_]+(?::-([^}]*)|:\?[^}]*)?\}/g, (_, fallback: string | undefined) => fallback ?? "");

describe("compose.yaml", () => {
  it("has PostgreSQL, Redis, two app instances built from the Dockerfile, and a reverse proxy", () => {
    expect(Object.keys(services).sort()).toEqual(["app1", "app2", "postgres", "proxy", "redis"]);
    expect(appServices.map(([name]) => name)).toEqual(["app1", "app2"]);
    expect(services.postgres!.image).toMatch(/^postgres:/);
    expect(services.redis!.image).toMatch(/^redis:/);
    expect(services.proxy!.image).toMatch(/^nginx:/);
  });

  it("sets only variables the app reads and README documents, with the secrets every instance must share", () => {
    for (const [name, service] of appServices) {
      const env = service.environment ?? {};
      for (const variable of Object.keys(env)) {
        expect(appReads(variable), `${name}: ${variable} is read nowhere in the server's code`).toBe(true);
        expect(documented.has(variable), `${name}: ${variable} is not in README's Configuration table`).toBe(true);
      }
      expect(env.DATABASE_URL).toMatch(/^postgresql:\/\/tandem:\$\{POSTGRES_PASSWORD:\?[^}]*\}@postgres:5432\/tandem$/);
      expect(env.TANDEM_REDIS_URL).toBe("redis://redis:6379");
      // Sessions signed by one instance are read by the other: one secret, required, never a default.
      expect(env.TANDEM_AUTH_SECRET).toMatch(/^\$\{TANDEM_AUTH_SECRET:\?[^}]*\}$/);
      expect(env.TANDEM_METRICS_TOKEN).toMatch(/^\$\{TANDEM_METRICS_TOKEN:-\}$/);
      // One proxy in front: its X-Forwarded-For entry is the client.
      expect(env.TANDEM_TRUST_PROXY).toBe("1");
    }
    // Both instances are the same app, differing only in their data volume and where the other
    // reaches them (their own service name and port).
    const [[, first], [, second]] = appServices as [[string, Service], [string, Service]];
    const { TANDEM_INSTANCE_ADDRESS: _first, ...firstShared } = first.environment!;
    const { TANDEM_INSTANCE_ADDRESS: _second, ...secondShared } = second.environment!;
    expect(secondShared).toEqual(firstShared);
    for (const [name, service] of appServices) expect(service.environment!.TANDEM_INSTANCE_ADDRESS).toBe(`${name}:${service.environment!.PORT}`);
    expect(first.volumes).not.toEqual(second.volumes);
    expect(services.postgres!.environment!.POSTGRES_USER).toBe("tandem");
    expect(services.postgres!.environment!.POSTGRES_DB).toBe("tandem");
    expect(services.postgres!.environment!.POSTGRES_PASSWORD).toBe("${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}");
  });

  it("routes the proxy to exactly the app services, on the port they listen on, and its public port is the public URL's", () => {
    const upstreams = [...nginx.matchAll(/^\s*server ([a-z0-9-]+):(\d+)\b/gm)].map((m) => ({ host: m[1]!, port: Number(m[2]) }));
    expect(upstreams.map((u) => u.host).sort()).toEqual(appServices.map(([name]) => name).sort());
    for (const { host, port } of upstreams) expect(Number(services[host]!.environment!.PORT), host).toBe(port);
    expect(services.proxy!.volumes).toContain("./deploy/nginx.conf:/etc/nginx/nginx.conf:ro");
    const [published, inside] = services.proxy!.ports![0]!.split(":");
    expect(nginx).toMatch(new RegExp(`^\\s*listen ${inside};`, "m"));
    const publicUrl = new URL(interpolated(services.app1!.environment!.TANDEM_PUBLIC_URL!));
    expect(publicUrl.port).toBe(published);
  });

  it("upgrades WebSockets on /collab/ and passes every forwarded header in each proxied location", () => {
    const collab = /location \/collab\/ \{([^}]*)\}/.exec(nginx)?.[1] ?? "";
    expect(collab).toContain("proxy_set_header Upgrade $http_upgrade;");
    expect(collab).toContain("proxy_set_header Connection $connection_upgrade;");
    expect(nginx).toMatch(/proxy_http_version 1\.1;/);
    expect(nginx).toMatch(/map \$http_upgrade \$connection_upgrade \{/);
    // nginx: a location that sets any header inherits none, so each must set all of them.
    const locations = [...nginx.matchAll(/location ([^{]+)\{([^}]*)\}/g)].filter((m) => m[2]!.includes("proxy_pass"));
    expect(locations.map((m) => m[1]!.trim())).toEqual(["/collab/", "/"]);
    for (const [, where, body] of locations) {
      for (const header of ["Host", "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Request-Id"]) {
        expect(body, `${where!.trim()}: ${header}`).toMatch(new RegExp(`proxy_set_header ${header} `));
      }
      expect(body).toContain("proxy_pass http://tandem;");
    }
    expect(nginx).toMatch(/upstream tandem \{/);
    // Metrics are scraped per instance, never through the public port.
    expect(nginx).toMatch(/location = \/metrics \{\s*return 404;\s*\}/);
  });

  it("checks readiness of each app at an endpoint that exists, and starts what depends on a service once it is healthy", () => {
    for (const [name, service] of appServices) {
      const test = service.healthcheck!.test.join(" ");
      expect(test, name).toContain("http://127.0.0.1:3000/api/ready");
    }
    const endpoints = [...composeAndDockerText().matchAll(/127\.0\.0\.1(?::\d+)?(\/api\/[a-z/-]+)/g)].map((m) => m[1]!);
    expect(new Set(endpoints)).toEqual(new Set(["/api/ready", "/api/health"]));
    for (const endpoint of endpoints) expect(existsSync(path.join(ROOT, "app", endpoint, "route.ts")), endpoint).toBe(true);
    for (const [name, service] of Object.entries(services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(condition, `${name} -> ${dependency}`).toBe("service_healthy");
        expect(services[dependency]!.healthcheck, `${dependency} has a healthcheck`).toBeDefined();
      }
    }
    for (const [name] of appServices) expect(Object.keys(services[name]!.depends_on ?? {})).toEqual(expect.arrayContaining(["postgres", "redis"]));
    expect(Object.keys(services.proxy!.depends_on ?? {}).sort()).toEqual(["app1", "app2"]);
  });
});

function composeAndDockerText(): string {
  return `${read("compose.yaml")}\n${dockerfile}`;
}

describe("Dockerfile", () => {
  const stages = [...dockerfile.matchAll(/^FROM (\S+) AS (\S+)$/gm)].map((m) => ({ image: m[1]!, name: m[2]! }));
  const runtime = dockerfile.slice(dockerfile.lastIndexOf("\nFROM "));

  it("builds in stages, with the toolchain better-sqlite3 needs, and the app built once with package.json's build script", () => {
    expect(stages.map((s) => s.name)).toEqual(["base", "toolchain", "deps", "prod-deps", "build", "runtime"]);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20[\w.-]*-bookworm-slim$/m);
    expect(dockerfile).toMatch(/apt-get install -y --no-install-recommends python3 make g\+\+/);
    const builds = dockerfile.split("\n").filter((line) => line.includes(scripts.build!));
    expect(scripts.build).toBe("node --import tsx scripts/build.ts");
    expect(builds).toHaveLength(1);
    expect(dockerfile).toContain(`node --import tsx ${/scripts\/prisma-generate\.ts/.exec(scripts["db:generate"]!)![0]}`);
  });

  it("runs as a non-root user with package.json's start command, checking liveness, with data/ writable", () => {
    const cmd = /^CMD (\[.*\])$/m.exec(runtime)?.[1];
    expect((JSON.parse(cmd!) as string[]).join(" ")).toBe(scripts.start);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).not.toMatch(/^RUN .*npm (ci|install)/m);
    expect(runtime).toMatch(/^HEALTHCHECK [\s\S]*\/api\/health/m);
    expect(runtime).toMatch(/NODE_ENV=production/);
    expect(runtime).toMatch(/chown node:node data /);
    // Only production dependencies reach the image.
    expect(runtime).toContain("COPY --from=prod-deps /app/node_modules ./node_modules");
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    // Every variable the image sets is one the app (or Next) reads.
    const env = /^ENV ([\s\S]*?)(?:\n(?!\s))/m.exec(runtime)![1]!;
    for (const [, name] of env.matchAll(/([A-Z][A-Z0-9_]*)=/g)) expect(appReads(name!) || name === "NODE_ENV", name).toBe(true);
  });

  it("copies from the build stage everything the build's source hash covers, so `npm start` never rebuilds in the container", () => {
    const inputs = /const INPUTS = (\[[^\]]*\])/.exec(read("scripts/build-if-needed.ts"))![1]!;
    for (const input of JSON.parse(inputs) as string[]) {
      if (!existsSync(path.join(ROOT, input)) && input !== "public") continue;
      const top = input.split("/")[0]!;
      expect(runtime, input).toMatch(new RegExp(`COPY --from=build [^\\n]*/app/${top.replace(".", "\\.")}\\b`));
    }
    // And what server.ts needs besides: the server itself, the seed notebooks, the migrations, the build.
    for (const needed of ["server.ts", "notebooks", "prisma", ".next", "scripts"]) expect(runtime).toMatch(new RegExp(`COPY --from=build [^\\n]*/app/${needed.replace(".", "\\.")}\\b`));
  });

  it("keeps installed and built files out of the build context", () => {
    const ignored = read(".dockerignore").split("\n").filter((line) => line && !line.startsWith("#"));
    for (const entry of ["node_modules", ".next", "data", ".git", "lib/server/db/generated"]) expect(ignored).toContain(entry);
  });
});

for (const backend of testBackends().filter((b) => b.name === "postgresql")) {
  describe("compose.yaml's topology, started with processes", () => {
    const instances: Instance[] = [];
    const clients: Client[] = [];
    let cleanup: (() => Promise<void>) | undefined;
    afterAll(async () => {
      for (const client of clients) client.provider.destroy();
      for (const instance of instances) instance.process.kill("SIGKILL");
      resetAuth();
      await disconnectDb();
      await cleanup?.();
    });

    it("serves a notebook from both instances behind the front, its room on one of them", async () => {
      process.env.TANDEM_AUTH_SECRET = CLUSTER_TEST_SECRET;
      const made = await backend.makeConfig();
      cleanup = made.cleanup;
      await migrateDatabase(made.config);
      getDb(made.config);
      resetAuth();
      const owner = await signUpThroughRoute("Operator");
      const created = await createNotebook(getDb(), { title: "Compose", ownerId: owner.id, visibility: "private" }, { id: owner.id, email: owner.email });
      if (!created.ok) throw new Error(created.message);

      // Each app service as a process: its own environment, with compose's hosts on loopback.
      const base = 40_000 + Math.floor(Math.random() * 10_000);
      const portOf = new Map(appServices.map(([name], i) => [name, base + i]));
      const prefix = `compose-test:${base}:`;
      for (const [name, service] of appServices) {
        const env = Object.fromEntries(Object.entries(service.environment!).map(([key, value]) => [key, interpolated(value)]));
        const port = portOf.get(name)!;
        const address = env.TANDEM_INSTANCE_ADDRESS!.replace(/^([a-z0-9-]+):\d+$/, (_, host: string) => `127.0.0.1:${portOf.get(host)}`);
        instances.push(await startInstance(port, made.config.url, prefix, { ...env, PORT: String(port), DATABASE_URL: made.config.url, TANDEM_INSTANCE_ADDRESS: address, TANDEM_REDIS_URL: REDIS_URL, TANDEM_AUTH_SECRET: CLUSTER_TEST_SECRET }));
      }
      // nginx's upstreams, in its order, round robin.
      const upstreams = [...nginx.matchAll(/^\s*server ([a-z0-9-]+):(\d+)\b/gm)].map((m) => portOf.get(m[1]!)!);
      const front = await roundRobin(() => upstreams);
      try {
        const url = `ws://127.0.0.1:${front.port}/collab`;
        clients.push(...Array.from({ length: 4 }, () => connectClient(url, created.value.id, owner)));
        await Promise.all(clients.map(synced));
        await Promise.all(clients.map((c, i) => type(c, `through the front ${i}`)));
        await converged(clients, "the notebook's clients");
        const byInstance = await Promise.all(instances.map(counters));
        expect(byInstance.filter((c) => (c.updates[created.value.id] ?? 0) > 0)).toHaveLength(1);
        expect(byInstance.reduce((sum, c) => sum + c.forwarding, 0)).toBeGreaterThan(0);
      } finally {
        front.server.close();
      }
    }, 90_000);
  });
}
