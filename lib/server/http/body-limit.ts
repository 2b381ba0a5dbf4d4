/**
 * Request bodies are limited at the edge, before any of the app reads them: server.ts asks
 * `bodyRefusal` about every request and answers the refusal itself, without reading the body.
 *
 * A body must say its length (Content-Length): the app's pages send nothing else, and a length
 * known up front can be refused at once (411 Length Required otherwise). A length over the
 * route's limit is refused with 413: everything but an import may be up to TANDEM_MAX_BODY_BYTES.
 * The routes read within the same limits again (route.ts), so a body cannot outgrow what it
 * declared.
 *
 * An import's body is a file whose own layout is not Tandem's: the rule a person is told is one
 * number, the largest notebook as Tandem writes the .ipynb (TANDEM_MAX_NOTEBOOK_BYTES), checked
 * on that written form once the file is read (notebooks/import.ts). A file written by another tool
 * can be larger than that for the same notebook (deeper indentation, non-ASCII written as \uXXXX
 * escapes: up to about twice), so its transport is allowed IMPORT_BODY_FACTOR times the limit.
 */
import type { IncomingMessage } from "node:http";
import type { Limits } from "../env";
import { binarySize } from "../../util/bytes";

/** Paths whose bodies are notebook files. */
const IMPORT_PATHS = new Set(["/api/notebooks/import"]);

export interface BodyRefusal {
  readonly status: 411 | 413;
  readonly code: "length_required" | "too_large";
  readonly message: string;
}


/** How many times the notebook limit an uploaded file may be before it is read (see above). */
export const IMPORT_BODY_FACTOR = 2;

/** The largest file an import reads, for a notebook limit of `notebookBytes`. */
export function importBodyBytes(notebookBytes: number): number {
  return notebookBytes * IMPORT_BODY_FACTOR;
}

/** What an import's refusal at the door says: the one rule, the notebook limit. */
export function importTooLargeText(notebookBytes: number): string {
  return `That file is larger than the ${binarySize(notebookBytes)} a notebook may be (as a .ipynb file).`;
}

/** The largest body `path` takes. */
export function bodyLimitFor(path: string, limits: Pick<Limits, "bodyBytes" | "notebookBytes">): number {
  return IMPORT_PATHS.has(path) ? importBodyBytes(limits.notebookBytes) : limits.bodyBytes;
}

/** Why this request's body is refused, or null when it may be read. */
export function bodyRefusal(req: Pick<IncomingMessage, "headers" | "url">, limits: Pick<Limits, "bodyBytes" | "notebookBytes">): BodyRefusal | null {
  const declared = req.headers["content-length"];
  const chunked = req.headers["transfer-encoding"] !== undefined;
  if (declared === undefined) {
    return chunked ? { status: 411, code: "length_required", message: "Send the body with a Content-Length." } : null;
  }
  const length = Number(declared);
  const path = (req.url ?? "/").split("?")[0]!;
  const limit = bodyLimitFor(path, limits);
  if (!Number.isFinite(length) || length <= limit) return null;
  const message = IMPORT_PATHS.has(path)
    ? importTooLargeText(limits.notebookBytes)
    : `The request body is larger than the ${binarySize(limit)} a request may be.`;
  return { status: 413, code: "too_large", message };
}
