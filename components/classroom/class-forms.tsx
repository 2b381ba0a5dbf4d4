"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FormError } from "../ui/form-error";
import { postForJson } from "./use-action";

function useCreate(url: string, field: string) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPending(true);
    const result = await postForJson<{ id: string }>(url, { [field]: String(new FormData(event.currentTarget).get(field) ?? "") });
    setPending(false);
    if ("error" in result) return setError(result.error);
    router.push(`/classes/${result.value.id}`);
  };
  return { error, pending, submit };
}

/** A teacher starts a class. */
export function CreateClassForm() {
  const { error, pending, submit } = useCreate("/api/classes", "name");
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)}>
      <label>
        <span className="label">Class name</span>
        <input name="name" required maxLength={120} placeholder="Python, period 3" />
      </label>
      <button type="submit" className="button button-primary" disabled={pending}>
        Create class
      </button>
      <FormError message={error} />
    </form>
  );
}

/** A student joins with the code their teacher gave them. */
export function JoinClassForm({ code = "", autoFocus = false }: { code?: string; autoFocus?: boolean }) {
  const { error, pending, submit } = useCreate("/api/classes/join", "code");
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)}>
      <label>
        <span className="label">Class code</span>
        <input name="code" required maxLength={40} defaultValue={code} placeholder="ABCD-EFGH" autoComplete="off" autoFocus={autoFocus} />
      </label>
      <button type="submit" className="button button-primary" disabled={pending}>
        Join class
      </button>
      <FormError message={error} />
    </form>
  );
}
