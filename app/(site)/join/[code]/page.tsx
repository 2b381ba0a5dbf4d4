import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { JoinClassForm } from "@/components/classroom/class-forms";
import { currentViewer } from "@/lib/server/auth/current";
import { formatJoinCode, normalizeJoinCode, previewJoin, type JoinPreview } from "@/lib/server/classroom/classes";
import { getDb } from "@/lib/server/db/client";
import { CLIENT_IP_HEADER } from "@/lib/server/http/client-ip";
import { consumeLimit } from "@/lib/server/http/rate-limit";

export const metadata: Metadata = { title: "Join a class" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ code: string }> };

/** The class a full code names, looked up at the join limit's price (a try like joining), or why not. */
async function lookUp(viewerId: string, code: string): Promise<JoinPreview | "unknown" | "limited" | "partial"> {
  if (code.length !== 8) return "partial";
  const address = (await headers()).get(CLIENT_IP_HEADER) ?? "unknown";
  if (await consumeLimit("classJoin", { address, accountId: viewerId })) return "limited";
  return (await previewJoin(getDb(), viewerId, code)) ?? "unknown";
}

/**
 * A teacher's join link. Joining is a button, not the visit itself, so a link followed by accident
 * (or planted on another site) never puts anyone in a class. Before joining, the page names the
 * class and its teachers, so nobody joins the wrong one; that look-up counts against the same
 * limit as joining (TANDEM_CLASS_JOIN_LIMIT tries per address), so the page cannot be used to try
 * codes faster than the join button.
 */
export default async function JoinPage({ params }: Props) {
  const raw = normalizeJoinCode(decodeURIComponent((await params).code)).slice(0, 8);
  const viewer = await currentViewer();
  if (!viewer) redirect(`/sign-in?next=${encodeURIComponent(`/join/${raw}`)}`);
  const found = await lookUp(viewer.id, raw);
  const code = raw.length === 8 ? formatJoinCode(raw) : raw;
  if (typeof found === "object" && found.member) {
    return (
      <div className="library">
        <h1>{found.name}</h1>
        <p>
          You are already in this class. <Link href={`/classes/${found.id}`}>Go to the class</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="library" data-testid="join-page">
      {typeof found === "object" ? (
        <>
          <h1>Join {found.name}</h1>
          <p data-testid="join-teachers">
            {found.teachers.length > 0 ? `Taught by ${found.teachers.join(", ")}.` : "This class has no teacher at the moment."}
          </p>
        </>
      ) : (
        <h1>Join a class</h1>
      )}
      {found === "unknown" ? <p role="alert" data-testid="join-problem">No class has the code {code}. Check it with your teacher, or type it below.</p> : null}
      {found === "limited" ? <p role="alert" data-testid="join-problem">Too many tries at a join code from your address: wait a few minutes, then try again.</p> : null}
      <p>You are joining as {viewer.name}. Your teacher will see your name and the work you do for the class.</p>
      <JoinClassForm code={code} autoFocus />
    </div>
  );
}
