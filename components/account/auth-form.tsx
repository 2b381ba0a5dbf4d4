"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

interface Props {
  mode: "sign-in" | "sign-up";
  /** Where to go afterwards: a path on this site. */
  next: string;
  minPasswordLength: number;
}

/** The message of an error answer from /api/auth (better-auth's or Tandem's gate's). */
async function messageOf(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as { message?: unknown } | null;
  if (response.status === 429) return typeof body?.message === "string" ? body.message : "Too many attempts; wait and try again.";
  if (response.status === 401) return "That email and password do not match an account.";
  if (typeof body?.message === "string" && body.message) return body.message;
  return `Something went wrong (${response.status}). Try again.`;
}

/** Sign in or sign up with email and password; on success, go to `next` as the new person. */
export function AuthForm({ mode, next, minPasswordLength }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const signUp = mode === "sign-up";

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = {
      email: String(form.get("email") ?? "").trim(),
      password: String(form.get("password") ?? ""),
      ...(signUp ? { name: String(form.get("name") ?? "").trim() } : {}),
    };
    setPending(true);
    setError(null);
    try {
      const response = await fetch(`/api/auth/${signUp ? "sign-up" : "sign-in"}/email`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      if (!response.ok) {
        setError(await messageOf(response));
        return;
      }
      router.replace(next);
      router.refresh();
    } catch {
      setError("Could not reach Tandem. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  };

  const other = signUp ? "/sign-in" : "/sign-up";
  return (
    <form className="auth-form" onSubmit={submit} aria-describedby={error ? "auth-error" : undefined}>
      {signUp ? (
        <label>
          Your name <span className="hint">(others see it when you work together)</span>
          <input name="name" autoComplete="name" required maxLength={40} />
        </label>
      ) : null}
      <label>
        Email
        <input name="email" type="email" autoComplete="email" required maxLength={254} />
      </label>
      <label>
        Password {signUp ? <span className="hint">(at least {minPasswordLength} characters)</span> : null}
        <input
          name="password"
          type="password"
          autoComplete={signUp ? "new-password" : "current-password"}
          required
          minLength={signUp ? minPasswordLength : undefined}
          maxLength={128}
        />
      </label>
      {error ? (
        <p id="auth-error" className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? (signUp ? "Creating your account…" : "Signing in…") : signUp ? "Create account" : "Sign in"}
      </button>
      <p className="auth-switch">
        {signUp ? "Already have an account? " : "New to Tandem? "}
        <Link href={`${other}?next=${encodeURIComponent(next)}`}>{signUp ? "Sign in" : "Create an account"}</Link>
      </p>
    </form>
  );
}
