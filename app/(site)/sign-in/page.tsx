import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthForm } from "@/components/account/auth-form";
import { MIN_PASSWORD_LENGTH } from "@/lib/server/auth/auth";
import { currentViewer } from "@/lib/server/auth/current";
import { safeNextPath } from "@/lib/server/auth/next-path";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ next?: string | string[] }> };

export default async function SignInPage({ searchParams }: Props) {
  const next = safeNextPath((await searchParams).next);
  if (await currentViewer()) redirect(next);
  return (
    <section className="auth-page">
      <h1>Sign in</h1>
      <p>Your notebooks, forks and versions, on every device.</p>
      <AuthForm mode="sign-in" next={next} minPasswordLength={MIN_PASSWORD_LENGTH} />
    </section>
  );
}
