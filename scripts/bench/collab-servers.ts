/**
 * The two servers `npm run bench:collab` compares, each run as its own process:
 *   node --import tsx scripts/bench/collab-servers.ts tandem <port> <sqlite file>
 *   node --import tsx scripts/bench/collab-servers.ts stock <port>
 * "tandem" is Tandem's collaboration endpoint (rooms, access check, durable update log on SQLite)
 * on a plain HTTP server; "stock" is @y/websocket-server's setupWSConnection, in memory. Each
 * prints one line, `READY <notebookId>`, when it is listening.
 */
import { createServer } from "node:http";
import { WebSocketServer } from "ws";
import { setupWSConnection } from "@y/websocket-server/utils";
import { createCollabEndpoint } from "@/lib/server/collab/endpoint";
import { prismaStorage } from "@/lib/server/collab/prisma-storage";
import { createDb } from "@/lib/server/db/client";
import { parseDatabaseUrl } from "@/lib/server/db/config";
import { migrateDatabase } from "@/lib/server/db/migrate";
import { createNotebook } from "@/lib/server/notebooks/create";

const [kind, portText, file] = process.argv.slice(2);
const port = Number(portText);

if (kind === "stock") {
  const wss = new WebSocketServer({ noServer: true });
  const server = createServer((_req, res) => res.writeHead(404).end());
  server.on("upgrade", (req, socket, head) =>
    wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, req, { docName: "bench", gc: true })),
  );
  server.listen(port, "127.0.0.1", () => console.log("READY bench"));
} else if (kind === "tandem" && file) {
  const config = parseDatabaseUrl(`file:${file}`);
  await migrateDatabase(config);
  const db = createDb(config);
  const created = await createNotebook(db, { title: "Bench" }, null);
  if (!created.ok) throw new Error(created.message);
  const collab = createCollabEndpoint({
    allowedOrigins: [`http://127.0.0.1:${port}`],
    storage: prismaStorage(db),
    authorize: async () => ({ write: true }),
  });
  const server = createServer((_req, res) => res.writeHead(404).end());
  server.on("upgrade", (req, socket, head) => collab.handleUpgrade(req, socket, head));
  server.listen(port, "127.0.0.1", () => console.log(`READY ${created.value.id}`));
} else {
  console.error("usage: collab-servers.ts tandem <port> <sqlite file> | stock <port>");
  process.exit(2);
}
