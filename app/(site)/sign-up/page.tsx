import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthForm } from "@/components/account/auth-form";
import { MIN_PASSWORD_LENGTH } from "@/lib/server/auth/auth";
import { currentViewer } from "@/lib/server/auth/current";
import { safeNextPath } from "@/lib/server/auth/next-path";

export const metadata: Metadata = { title: "Create an account" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ next?: string | string[] }> };

export default async function SignUpPage({ searchParams }: Props) {
  const next = safeNextPath((await searchParams).next);
  if (await currentViewer()) redirect(next);
  return (
    <section className="auth-page">
      <h1>Create an account</h1>
      <p>Keep your own notebooks, fork lessons and save versions. Guests can still open and pair in shared notebooks.</p>
      <AuthForm mode="sign-up" next={next} minPasswordLength={MIN_PASSWORD_LENGTH} />
    </section>
  );
}
