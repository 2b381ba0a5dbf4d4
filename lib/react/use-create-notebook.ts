/**
 * Creating a notebook from the page: POST /api/notebooks (blank, or a copy of `from`), then open
 * it. Failures come back as the API's { code, message } and are shown as they are.
 */
import { useCallback, useState } from "react";

export interface CreateNotebookInput {
  title?: string;
  /** Slug of the notebook to copy. */
  from?: string;
  /** With `from`: new text for some of its code cells (a reader's edits in an embed), by cell id. */
  sources?: Record<string, string>;
}

export interface CreateNotebook {
  create(input: CreateNotebookInput): Promise<string | null>;
  pending: boolean;
  error: string | null;
}

async function post(input: CreateNotebookInput): Promise<{ slug: string } | { message: string }> {
  let response: Response;
  try {
    response = await fetch("/api/notebooks", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(input),
    });
  } catch {
    return { message: "Could not reach the server. Check your connection and try again." };
  }
  const body = (await response.json().catch(() => null)) as { slug?: unknown; message?: unknown } | null;
  if (response.ok && typeof body?.slug === "string") return { slug: body.slug };
  const message = typeof body?.message === "string" ? body.message : `The server answered ${response.status}.`;
  return { message };
}

/** Returns `create`, which resolves to the new notebook's slug, or null after showing an error. */
export function useCreateNotebook(): CreateNotebook {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const create = useCallback(async (input: CreateNotebookInput) => {
    setPending(true);
    setError(null);
    const result = await post(input);
    setPending(false);
    if ("slug" in result) return result.slug;
    setError(result.message);
    return null;
  }, []);
  return { create, pending, error };
}
