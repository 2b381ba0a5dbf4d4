/**
 * Three instances on one PostgreSQL and one Redis (ADR 0007), each its own process
 * (tests/support/cluster-instance.ts: the real endpoint, rooms, leases, forwarding, access check
 * and storage), behind a small TCP round-robin front, so that y-websocket clients land on
 * different instances. PostgreSQL only: several processes on one SQLite file is not a deployment
 * Tandem supports.
 */
import { randomUUID } from "node:crypto";
import type { Server } from "node:net";
import { Redis } from "ioredis";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCell } from "@/lib/notebook";
import { SYSTEM } from "@/lib/notebook/origins";
import { MESSAGE_COMMENTS_CHANGED } from "@/lib/protocol/collab";
import { classChanged, notifyClassListeners, onClassChanged } from "@/lib/server/classroom/class-events";
import { commentsChanged } from "@/lib/server/collab/notebook-events";
import { changeDocument } from "@/lib/server/documents/service";
import { prismaStorage } from "@/lib/server/collab/prisma-storage";
import { startCluster, type Cluster } from "@/lib/server/cluster/cluster";
import { registerCollab, serverContext } from "@/lib/server/context";
import { getDb } from "@/lib/server/db/client";
import { createNotebook } from "@/lib/server/notebooks/create";
import { invite, removeCollaborator } from "@/lib/server/notebooks/sharing";
import { clusterHooks } from "@/lib/server/cluster/hooks";
import {
  CLUSTER_TEST_SECRET,
  REDIS_URL,
  connectClient,
  converged,
  counters,
  roundRobin,
  sourcesOf,
  startInstance,
  synced,
  type,
  until,
  type Client,
  type Instance,
} from "../support/cluster";
import { testBackends } from "../support/databases";
import { signUpThroughRoute, type RoutePerson } from "../support/route-accounts";
import { useRouteDatabase } from "../support/route-database";

process.env.TANDEM_AUTH_SECRET = CLUSTER_TEST_SECRET;
const NOTEBOOKS = 6;
const CLIENTS_PER_NOTEBOOK = 5;

for (const backend of testBackends().filter((b) => b.name === "postgresql")) {
  describe("three instances on PostgreSQL and Redis", () => {
    const prefix = `test:${randomUUID()}:`;
    const instances: Instance[] = [];
    const dead = new Set<number>();
    let front: { server: Server; port: number };
    let url: string;
    let databaseUrl: string;
    let redis: Redis;
    let publisher: Cluster;
    let owner: RoutePerson;
    let editor: RoutePerson;
    const notebooks: string[] = [];
    const clients: Client[][] = [];

    const ownerOf = async (notebookId: string): Promise<Instance> => {
      const value = await redis.get(`${prefix}room:${notebookId}`);
      const port = Number(value?.split(" ")[2]?.split(":")[1]);
      return instances.find((i) => i.port === port)!;
    };

    const database = useRouteDatabase(backend);

    beforeAll(async () => {
      redis = new Redis(REDIS_URL);
      // This process plays the app's pages: its access changes are published to the instances.
      publisher = await startCluster({ redisUrl: REDIS_URL, address: "127.0.0.1:1", authSecret: process.env.TANDEM_AUTH_SECRET!, storage: prismaStorage(getDb()), prefix, log: () => undefined, takesRooms: false });
      registerCollab(clusterHooks(publisher, null));
      owner = await signUpThroughRoute("Owner");
      editor = await signUpThroughRoute("Editor");
      for (let n = 0; n < NOTEBOOKS; n++) {
        const created = await createNotebook(getDb(), { title: `Room ${n}`, ownerId: owner.id, visibility: "private" }, { id: owner.id, email: owner.email });
        if (!created.ok) throw new Error(created.message);
        notebooks.push(created.value.id);
      }
      const base = 20_000 + Math.floor(Math.random() * 20_000);
      databaseUrl = database.config().url;
      instances.push(...(await Promise.all([0, 1, 2].map((i) => startInstance(base + i, databaseUrl, prefix)))));
      front = await roundRobin(() => instances.filter((i) => !dead.has(i.port)).map((i) => i.port));
      url = `ws://127.0.0.1:${front.port}/collab`;
    }, 120_000);

    afterAll(async () => {
      if (process.env.TANDEM_TEST_VERBOSE) for (const i of instances) console.log(`--- instance ${i.port}\n${i.output.join("")}`);
      for (const list of clients) for (const c of list) c.provider.destroy();
      for (const instance of instances) instance.process.kill("SIGKILL");
      front?.server.close();
      await publisher?.close();
      redis?.disconnect();
      serverContext().collab = null;
    });

    it("serves 30 clients in 6 notebooks, each room's updates handled by one instance", async () => {
      for (const notebookId of notebooks) clients.push(Array.from({ length: CLIENTS_PER_NOTEBOOK }, () => connectClient(url, notebookId, owner)));
      await Promise.all(clients.flat().map(synced));
      await Promise.all(clients.flat().map((c, i) => type(c, `client ${i} was here`)));
      await Promise.all(clients.map((list, n) => converged(list, `notebook ${n}`)));

      const byInstance = await Promise.all(instances.map(counters));
      for (const notebookId of notebooks) {
        const handling = byInstance.filter((c) => (c.updates[notebookId] ?? 0) > 0);
        expect(handling, `instances that took updates of ${notebookId}`).toHaveLength(1);
      }
      // The front spread the clients: some reached an instance that forwards them to the owner.
      expect(byInstance.reduce((sum, c) => sum + c.forwarding, 0)).toBeGreaterThan(0);
    }, 90_000);

    it("spreads a burst of new rooms that all arrive through one instance over the three", async () => {
      const burst: string[] = [];
      for (let n = 0; n < 6; n++) {
        const created = await createNotebook(getDb(), { title: `Burst ${n}`, ownerId: owner.id, visibility: "private" }, { id: owner.id, email: owner.email });
        if (!created.ok) throw new Error(created.message);
        burst.push(created.value.id);
      }
      // Every room's first client reaches instance 0 at once, as a class starting together might.
      const first = instances[0]!;
      const arrivals = burst.map((notebookId) => connectClient(`ws://127.0.0.1:${first.port}/collab`, notebookId, owner));
      clients.push(arrivals);
      await Promise.all(arrivals.map(synced));
      await Promise.all(arrivals.map((c) => type(c, "here", 5)));
      const owners = await Promise.all(burst.map(ownerOf));
      const perInstance = instances.map((i) => owners.filter((o) => o === i).length);
      expect(perInstance.every((count) => count >= 1 && count <= 3), `new rooms per instance: ${perInstance.join(" / ")}`).toBe(true);
      // Each placed room is served where its lease says: its updates were taken there alone.
      const byInstance = await Promise.all(instances.map(counters));
      burst.forEach((notebookId, n) => {
        const handling = instances.filter((_, i) => (byInstance[i]!.updates[notebookId] ?? 0) > 0);
        expect(handling).toEqual([owners[n]]);
      });
    }, 60_000);

    it("shares presence, comment pushes, class changes and server-side changes across instances", async () => {
      const notebookId = notebooks[4]!;
      const room = await ownerOf(notebookId);
      const other = instances.find((i) => i !== room && !dead.has(i.port))!;
      // One person on the owner, one whose socket another instance forwards.
      const here = connectClient(`ws://127.0.0.1:${room.port}/collab`, notebookId, owner);
      const there = connectClient(`ws://127.0.0.1:${other.port}/collab`, notebookId, owner);
      clients.push([here, there]);
      await Promise.all([synced(here), synced(there)]);
      here.provider.awareness.setLocalStateField("user", { name: "Here", color: "#0a7" });
      there.provider.awareness.setLocalStateField("user", { name: "There", color: "#a07" });
      const names = (c: Client) => [...c.provider.awareness.getStates().values()].map((s) => (s as { user?: { name?: string } }).user?.name).filter(Boolean).sort();
      await until(async () => JSON.stringify(names(here)) === JSON.stringify(names(there)) && names(here).includes("There") && names(there).includes("Here"), "each to see the other's presence");

      // The app's comment action on "another instance" (this process): the room tells everyone.
      let pushes = 0;
      there.provider.messageHandlers[MESSAGE_COMMENTS_CHANGED] = () => void (pushes += 1);
      await commentsChanged(notebookId);
      await until(async () => pushes === 1, "the comment push to reach the forwarded client");

      // A server-side change (as a version restore makes) from an instance that serves no room.
      expect(await changeDocument(notebookId, (doc) => void insertCell(doc, { type: "markdown", source: "restored on the server" }, SYSTEM))).toBe(true);
      await until(async () => [here, there].every((c) => sourcesOf(c.doc).includes("restored on the server")), "the change to reach the live room");

      // A class grid listening on one instance hears of a hand-in recorded on another.
      const listenerCluster = await startCluster({ redisUrl: REDIS_URL, address: "127.0.0.1:2", authSecret: CLUSTER_TEST_SECRET, storage: prismaStorage(getDb()), prefix, log: () => undefined, takesRooms: false });
      let heard = 0;
      const stop = onClassChanged("class-1", () => void (heard += 1));
      try {
        // This process plays both: the instance the hand-in happens on publishes, the grid's
        // instance applies what it hears (as server.ts wires them).
        serverContext().publishClassChange = (classId) => publisher.publish({ type: "class", classId });
        listenerCluster.listen((event) => (event.type === "class" ? notifyClassListeners(event.classId) : undefined));
        classChanged("class-1");
        await until(async () => heard === 1, "the class change to reach the grid's instance");
      } finally {
        stop();
        serverContext().publishClassChange = null;
        await listenerCluster.close();
      }
    }, 60_000);

    it("keeps one automatic version when a room goes idle, made by its owner alone", async () => {
      const notebookId = notebooks[5]!;
      const list = clients[5]!;
      for (const client of list) client.provider.destroy();
      await until(async () => (await getDb().notebookVersion.count({ where: { notebookId, kind: "auto" } })) > 0, "the owner to keep an automatic version");
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(await getDb().notebookVersion.count({ where: { notebookId, kind: "auto" } })).toBe(1);
    }, 30_000);

    it("moves a busy room when its owner is killed (-9) mid-typing, and loses nothing", async () => {
      const busy = clients[0]!;
      const victim = await ownerOf(notebooks[0]!);
      const typing = busy.map((c, i) => type(c, ` and kept typing ${i}`, 40));
      await new Promise((resolve) => setTimeout(resolve, 300));
      const killedAt = performance.now();
      victim.process.kill("SIGKILL");
      dead.add(victim.port);
      // The orchestrator restarts it, on another port (its old one may linger in TIME_WAIT).
      const replacement = startInstance(victim.port + 200, databaseUrl, prefix);
      await Promise.all(typing);
      await converged(busy, "the room after its owner died");
      const failover = performance.now() - killedAt;
      // The replacement, serving no room yet, may well be where the room was placed (leases.ts).
      instances.push(await replacement);
      const survivor = await ownerOf(notebooks[0]!);
      expect(survivor).toBeDefined();
      expect(survivor.port).not.toBe(victim.port);
      // Stored by the new owner, not only held by the clients.
      await until(async () => {
        const stored = await prismaStorage(getDb()).load(notebooks[0]!);
        const doc = new Y.Doc();
        Y.applyUpdate(doc, stored!.snapshot);
        for (const update of stored!.updates) Y.applyUpdate(doc, update);
        return JSON.stringify(sourcesOf(doc)) === JSON.stringify(busy.map((c) => c.typed).sort());
      }, "the new owner to store every edit");
      console.log(`failover: ${Math.round(failover)} ms from kill -9 to every client converged`);
    }, 60_000);

    it("disconnects a revoked editor within a second, on whichever instance holds their socket", async () => {
      const notebookId = notebooks[1]!;
      expect((await invite(getDb(), owner.id, notebookId, { email: editor.email, role: "editor" })).ok).toBe(true);
      const guest = connectClient(url, notebookId, editor);
      clients.push([guest]);
      await synced(guest);
      const closed = new Promise<number>((resolve) => guest.provider.on("connection-close", (event) => resolve(event?.code ?? 0)));
      // The app's sharing action, on "another instance" (this process): published, applied everywhere.
      expect((await removeCollaborator(getDb(), owner.id, notebookId, editor.email)).ok).toBe(true);
      expect(await closed).toBe(4403);
    }, 30_000);

    it("drains an owner on SIGTERM: its rooms are stored and move, its clients reconnect, nothing is lost", async () => {
      const notebookId = notebooks[3]!;
      const list = clients[3]!;
      // A rolling deploy: the replacement comes up first, then the old instance drains. The room
      // may still be moving off the instance killed before: wait for a live owner.
      await until(async () => {
        const owner = await ownerOf(notebookId);
        return owner !== undefined && !dead.has(owner.port);
      }, "the room to have a live owner");
      const draining = await ownerOf(notebookId);
      instances.push(await startInstance(draining.port + 100, databaseUrl, prefix));
      const typing = list.map((c, i) => type(c, ` through the deploy ${i}`, 40));
      await new Promise((resolve) => setTimeout(resolve, 200));
      const exited = new Promise<number | null>((resolve) => draining.process.once("exit", (code) => resolve(code)));
      draining.process.kill("SIGTERM");
      dead.add(draining.port);
      expect(await exited).toBe(0);
      await Promise.all(typing);
      await converged(list, "the room after its owner drained");
      expect((await ownerOf(notebookId))?.port).not.toBe(draining.port);
    }, 60_000);

    it("never lets a paused old owner write after the room moved (SIGSTOP, then SIGCONT)", async () => {
      const notebookId = notebooks[2]!;
      await until(async () => {
        const owner = await ownerOf(notebookId);
        return owner !== undefined && !dead.has(owner.port);
      }, "the room to have a live owner");
      const paused = await ownerOf(notebookId);
      const live = instances.find((i) => !dead.has(i.port) && i.port !== paused.port)!;
      // One client straight to the owner, so that it holds edits not yet stored when it stops.
      const direct = connectClient(`ws://127.0.0.1:${paused.port}/collab`, notebookId, owner);
      clients.push([direct]);
      await synced(direct);
      await type(direct, "typed just before the pause", 1);
      // Rooms flush on the clock's 250 ms marks, so part of the typing may be stored already.
      const before = await counters(paused);
      paused.process.kill("SIGSTOP");
      // Someone arrives on another instance: it waits out the frozen owner's lease and takes the room.
      const newcomer = connectClient(`ws://127.0.0.1:${live.port}/collab`, notebookId, owner);
      clients.push([newcomer]);
      try {
        // The newcomer's instance, or another whose clients moved first: any live one but the paused.
        await until(async () => {
          const owner = await ownerOf(notebookId);
          return owner !== undefined && owner.port !== paused.port && !dead.has(owner.port);
        }, "another instance to take the room", 20_000);
        await synced(newcomer);
        await type(newcomer, "typed on the new owner");
      } finally {
        paused.process.kill("SIGCONT");
      }
      // Woken up, the old owner finds its lease gone or its writes fenced: it stores nothing more
      // and sends its clients away; they reconnect and bring the unstored edit to the new owner.
      const everyone = [...clients[2]!, direct, newcomer];
      await converged(everyone, "everyone, the paused owner's clients included");
      const after = await counters(paused);
      // At most an append already on its way to the database when the process stopped.
      expect(after.appends).toBeLessThanOrEqual(before.appends + 1);
      expect((await ownerOf(notebookId))?.port).not.toBe(paused.port);
      await until(async () => {
        const stored = await prismaStorage(getDb()).load(notebookId);
        const doc = new Y.Doc();
        Y.applyUpdate(doc, stored!.snapshot);
        for (const update of stored!.updates) Y.applyUpdate(doc, update);
        return sourcesOf(doc).includes("typed just before the pause") && sourcesOf(doc).includes("typed on the new owner");
      }, "the new owner to store the paused owner's client's edit");
    }, 90_000);
  });
}
