import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { NotebookClient } from "@/components/notebook/notebook-client";
import { RestoreVersionButton } from "@/components/versions/version-buttons";
import { currentViewer } from "@/lib/server/auth/current";
import { getDb } from "@/lib/server/db/client";
import { loadVersion } from "@/lib/server/notebooks/versions";
import { toBase64 } from "@/lib/util/base64";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Version" };

type Props = { params: Promise<{ slug: string; versionId: string }> };

const CHANGE_WORDS = { same: "unchanged", changed: "changed since", added: "added since", removed: "removed since" } as const;

export default async function VersionPage({ params }: Props) {
  const { slug, versionId } = await params;
  const found = await loadVersion(getDb(), await currentViewer(), slug, versionId);
  if (!found) notFound();
  const { notebook, version, comparison } = found;
  const differences = comparison.filter((row) => row.change !== "same");
  return (
    <article className="notebook version-page">
      <header className="notebook-header">
        <p>
          <Link href={`/n/${notebook.slug}/history`}>← History of {notebook.title}</Link>
        </p>
        <h1>{version.name ?? "Automatic version"}</h1>
        <p className="notebook-note">
          {version.kind === "manual" && version.authorName ? `Saved by ${version.authorName}` : "Kept automatically"},{" "}
          {version.createdAt.toLocaleString("en", { dateStyle: "medium", timeStyle: "short" })}. Read-only.
        </p>
        {notebook.canWrite ? <RestoreVersionButton notebookId={notebook.id} versionId={version.id} slug={notebook.slug} /> : null}
      </header>

      <section aria-labelledby="compare-heading" className="compare">
        <h2 id="compare-heading">Compared with now</h2>
        {differences.length === 0 ? (
          <p data-testid="compare-same">The notebook is the same as this version.</p>
        ) : (
          <ul className="compare-list" data-testid="comparison">
            {differences.map((row) => (
              <li key={row.id} className={`compare-${row.change}`} data-change={row.change}>
                <strong>
                  {row.type} cell, {CHANGE_WORDS[row.change]}
                </strong>
                <div className="compare-sides">
                  <pre aria-label="In this version">{row.then ?? "(not in this version)"}</pre>
                  <pre aria-label="Now">{row.now ?? "(not there now)"}</pre>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <h2>This version</h2>
      <NotebookClient notebookId={notebook.id} source={{ base64: toBase64(version.snapshot) }} canWrite={false} packageBaseUrl={null} account={null} />
    </article>
  );
}
