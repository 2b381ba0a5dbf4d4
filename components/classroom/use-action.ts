"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/lib/react/send-json";

/**
 * One classroom request from a button or form: pending while it runs, its error message when it
 * fails, and the page's server data refreshed when it works.
 */
export function useAction() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (url: string, method: "POST" | "PUT" | "PATCH" | "DELETE" = "POST", body: unknown = {}): Promise<boolean> => {
    setPending(true);
    const problem = await sendJson(url, method, body);
    setPending(false);
    setError(problem);
    if (problem === null) router.refresh();
    return problem === null;
  };
  return { pending, error, setError, run };
}

/** A POST whose JSON answer the caller needs (a new id, a slug): the value, or an error message. */
export async function postForJson<T>(url: string, body: unknown = {}): Promise<{ value: T } | { error: string }> {
  try {
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const data = (await response.json().catch(() => null)) as (T & { message?: string }) | null;
    if (response.ok && data) return { value: data };
    return { error: typeof data?.message === "string" ? data.message : `The server answered ${response.status}.` };
  } catch {
    return { error: "Could not reach the server. Check your connection and try again." };
  }
}
