/**
 * POST /api/notebooks/import?name=<file name>, body: the .ipynb file's text -> 201 { id, slug }.
 *
 * The file must be nbformat 4 (any 4.x; ids are repaired, unknown output types kept). Anything
 * else answers 400 with what is wrong, by JSON path, or 413 over the size limit, and creates
 * nothing. Same-origin and rate limits as creating a notebook; a signed-in person owns the import.
 */
import { documentFromIpynb, parseLenientIpynb } from "@/lib/notebook";
import { viewerFrom } from "@/lib/server/auth/auth";
import { getDb } from "@/lib/server/db/client";
import { clientIp } from "@/lib/server/http/client-ip";
import { consumeLimit } from "@/lib/server/http/rate-limit";
import { isSameOrigin } from "@/lib/server/http/origin";
import { createNotebook } from "@/lib/server/notebooks/create";

export const dynamic = "force-dynamic";

const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
const LIMIT_TEXT = `${MAX_IMPORT_BYTES / 1024 / 1024} MB`;

const problem = (status: number, code: string, message: string) => Response.json({ code, message }, { status });

/** The body as text, or null when it is over the limit (without reading past it). */
async function readLimited(request: Request): Promise<string | null> {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (declared > MAX_IMPORT_BYTES) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_IMPORT_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** "Lesson 1.ipynb" -> "Lesson 1". */
function titleFrom(name: string | null, metadataTitle: unknown): string {
  const fromName = name?.replace(/\.ipynb$/i, "").trim();
  if (fromName) return fromName.slice(0, 200);
  if (typeof metadataTitle === "string" && metadataTitle.trim()) return metadataTitle.trim().slice(0, 200);
  return "Imported notebook";
}

export async function POST(request: Request): Promise<Response> {
  if (!isSameOrigin(request)) return problem(403, "forbidden", "Cross-site requests are not allowed.");
  const refused = await consumeLimit("notebookCreate", { address: clientIp(request), accountId: null });
  if (refused) return refused;

  const text = await readLimited(request);
  if (text === null) return problem(413, "too_large", `That file is larger than the ${LIMIT_TEXT} a notebook import may be.`);
  const parsed = parseLenientIpynb(text);
  if (!parsed.ok) {
    return problem(400, parsed.code, `That file is not a notebook Tandem can import (nbformat 4, up to ${LIMIT_TEXT}):\n${parsed.message}`);
  }

  const viewer = await viewerFrom(request.headers);
  const title = titleFrom(new URL(request.url).searchParams.get("name"), parsed.value.metadata.title);
  const created = await createNotebook(getDb(), { title, document: documentFromIpynb(parsed.value), ownerId: viewer?.id ?? null }, viewer);
  if (!created.ok) return problem(500, "failed", created.message);
  return Response.json(created.value, { status: 201 });
}
