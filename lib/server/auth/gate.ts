/**
 * The gate in front of better-auth's state-changing endpoints (POST /api/auth/*).
 *
 * better-auth reads JSON, form-encoded and multipart bodies alike, so a limit that reads only one
 * of them can be walked around with another (a form-encoded sign-in once guessed passwords past
 * the account's lock). The gate therefore reads the body itself, once and within the body limit,
 * accepts JSON only (the app's own pages send nothing else: 415 otherwise), applies the limits to
 * what it read, and hands better-auth a request with exactly those bytes. So the limits see what
 * better-auth sees, whatever the encoding.
 *
 * - Every POST must come from the app's own pages (403), `Origin: null` included.
 * - Sign-in: failed tries limited per account and per address (sign-in-limits.ts, 429).
 * - Sign-up: new accounts limited per address (429).
 * - Sign-out: the session's open collaboration connections are closed (they were opened under
 *   it, with its rights), and the page reconnects with what is left: a guest's rights.
 */
import { settings } from "../env";
import { sessionEnded } from "../collab/notebook-events";
import { clientIp } from "../http/client-ip";
import { failureResponse, rateLimited } from "../http/errors";
import { isSameOrigin } from "../http/origin";
import { readBodyText } from "../http/route";
import { getAuth, sessionFrom } from "./auth";
import { recordFailedSignIn, recordSignIn, signInWait, signUpWait } from "./sign-in-limits";

/** The request's media type, lower case, without parameters ("application/json"). */
function mediaType(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

/** The `email` of a JSON body, trimmed and lower case, or null. */
function emailOf(body: unknown): string | null {
  const email = typeof body === "object" && body !== null ? (body as { email?: unknown }).email : undefined;
  return typeof email === "string" ? email.trim().toLowerCase() : null;
}


export async function gatedAuthPost(request: Request): Promise<Response> {
  if (!isSameOrigin(request)) return failureResponse({ code: "forbidden", message: "Cross-site requests are not allowed." });
  const limit = settings().limits.bodyBytes;
  const text = await readBodyText(request, limit);
  if (text === null) return failureResponse({ code: "too_large", message: `The request body is larger than ${limit} bytes.` });
  if (text.trim() !== "" && mediaType(request) !== "application/json") {
    return failureResponse({ code: "unsupported_media_type", message: "Send the fields as JSON (Content-Type: application/json)." });
  }
  let body: unknown = null;
  try {
    body = text.trim() === "" ? null : JSON.parse(text);
  } catch {
    return failureResponse({ code: "bad_request", message: "The request body is not valid JSON." });
  }
  // better-auth reads the body again: give it the very bytes the gate checked.
  const forward = new Request(request.url, { method: "POST", headers: request.headers, body: text === "" ? null : text });
  const path = new URL(request.url).pathname;
  const address = clientIp(request);

  if (path.endsWith("/sign-up/email")) {
    const wait = await signUpWait(address);
    if (wait !== null) return rateLimited("Too many new accounts from your address.", wait);
    return getAuth().handler(forward);
  }

  if (path.endsWith("/sign-in/email")) {
    const email = emailOf(body);
    if (email === null) return getAuth().handler(forward); // better-auth explains what is missing
    const wait = await signInWait(email, address);
    if (wait !== null) return rateLimited("Too many failed sign-ins.", wait);
    const response = await getAuth().handler(forward);
    if (response.status === 401) await recordFailedSignIn(email, address);
    else if (response.ok) await recordSignIn(email);
    return response;
  }

  if (path.endsWith("/sign-out")) {
    const sessionId = (await sessionFrom(request.headers))?.sessionId ?? null;
    const response = await getAuth().handler(forward);
    if (response.ok && sessionId !== null) await sessionEnded(sessionId);
    return response;
  }

  return getAuth().handler(forward);
}
