import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { NotebookClient } from "@/components/notebook/notebook-client";
import { LocalTime } from "@/components/ui/local-time";
import { RestoreVersionButton } from "@/components/versions/version-buttons";
import { VersionDiff } from "@/components/versions/version-diff";
import { currentViewer } from "@/lib/server/auth/current";
import { getDb } from "@/lib/server/db/client";
import { settings } from "@/lib/server/env";
import { loadVersion } from "@/lib/server/notebooks/versions";
import { toBase64 } from "@/lib/util/base64";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Version" };

type Props = { params: Promise<{ slug: string; versionId: string }> };

export default async function VersionPage({ params }: Props) {
  const { slug, versionId } = await params;
  const found = await loadVersion(getDb(), await currentViewer(), slug, versionId);
  if (!found) notFound();
  const { notebook, version, diff } = found;
  const versionName = version.name ?? "Automatic version";
  const savedAt = <LocalTime at={version.createdAt} style="datetime" />;
  return (
    <article className="notebook version-page">
      <header className="notebook-header">
        <p>
          <Link href={`/n/${notebook.slug}/history`}>← History of {notebook.title}</Link>
        </p>
        <h1>{versionName}</h1>
        <p className="notebook-note">
          {version.kind === "manual" && version.authorName ? `Saved by ${version.authorName}` : "Kept automatically"},{" "}
          {savedAt}. Read-only.
        </p>
        {notebook.canWrite ? <RestoreVersionButton notebookId={notebook.id} versionId={version.id} slug={notebook.slug} /> : null}
      </header>

      <VersionDiff diff={diff} versionLabel={
          <>
            “{versionName}”, {savedAt}
          </>
        } restore={notebook.canWrite ? { notebookId: notebook.id, versionId: version.id } : null} />

      <h2>This version</h2>
      <NotebookClient notebookId={notebook.id} source={{ base64: toBase64(version.snapshot) }} canWrite={false} packageBaseUrl={null} maxNotebookBytes={settings().limits.notebookBytes} account={null} />
    </article>
  );
}
