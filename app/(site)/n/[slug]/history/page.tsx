import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LocalTime } from "@/components/ui/local-time";
import { currentViewer } from "@/lib/server/auth/current";
import { getDb } from "@/lib/server/db/client";
import { listVersions } from "@/lib/server/notebooks/versions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "History" };

type Props = { params: Promise<{ slug: string }> };


export default async function HistoryPage({ params }: Props) {
  const found = await listVersions(getDb(), await currentViewer(), (await params).slug);
  if (!found) notFound();
  const { notebook, versions } = found;
  return (
    <section className="history">
      <p>
        <Link href={`/n/${notebook.slug}`}>← {notebook.title}</Link>
      </p>
      <h1>History</h1>
      <p className="hint">Named versions are saved with “Save version”; the others were kept when everyone had left after a change.</p>
      {versions.length === 0 ? (
        <p className="empty">No versions yet.</p>
      ) : (
        <ul className="library-list" data-testid="versions">
          {versions.map((v) => (
            <li key={v.id} data-testid="version">
              <Link href={`/n/${notebook.slug}/history/${v.id}`}>{v.name ?? "Automatic version"}</Link>
              <span className="library-facts">
                {v.kind === "manual" && v.authorName ? `saved by ${v.authorName}` : "kept automatically"} · <LocalTime at={v.createdAt} style="datetime" /> · {v.cellCount === 1 ? "1 cell" : `${v.cellCount} cells`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
