import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { JoinClassForm } from "@/components/classroom/class-forms";
import { currentViewer } from "@/lib/server/auth/current";
import { formatJoinCode, normalizeJoinCode } from "@/lib/server/classroom/classes";

export const metadata: Metadata = { title: "Join a class" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ code: string }> };

/**
 * A teacher's join link. Joining is a button, not the visit itself, so a link followed by accident
 * (or planted on another site) never puts anyone in a class. The page says nothing about the class
 * until the code is tried, so it cannot be used to test codes without the join limit.
 */
export default async function JoinPage({ params }: Props) {
  const raw = normalizeJoinCode(decodeURIComponent((await params).code)).slice(0, 8);
  const viewer = await currentViewer();
  if (!viewer) redirect(`/sign-in?next=${encodeURIComponent(`/join/${raw}`)}`);
  return (
    <div className="library">
      <h1>Join a class</h1>
      <p>You are joining as {viewer.name}. Your teacher will see your name and the work you do for the class.</p>
      <JoinClassForm code={raw.length === 8 ? formatJoinCode(raw) : raw} autoFocus />
    </div>
  );
}
