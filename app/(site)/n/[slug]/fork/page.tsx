import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ForkFromEmbed, KeepHandoff } from "@/components/embed/fork-from-embed";
import { currentViewer } from "@/lib/server/auth/current";
import { getNotebookPage } from "@/lib/server/notebooks/queries";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Fork into your library" };

type Props = { params: Promise<{ slug: string }> };

/** "Open in Tandem" from an embed: after signing in, fork the notebook (and the reader's edits). */
export default async function ForkPage({ params }: Props) {
  const { slug } = await params;
  const viewer = await currentViewer();
  const notebook = await getNotebookPage(slug, viewer);
  if (!notebook) notFound();
  return (
    <div className="library">
      <h1>Fork “{notebook.title}”</h1>
      <p>
        A copy of your own, in your library: edit it, run it, share it. The original stays as it is (
        <Link href={`/n/${notebook.slug}`}>open the original</Link>).
      </p>
      {viewer ? (
        <ForkFromEmbed slug={notebook.slug} />
      ) : (
        <>
          <KeepHandoff slug={notebook.slug} />
          <p>
            <Link className="button button-primary" href={`/sign-in?next=${encodeURIComponent(`/n/${notebook.slug}/fork`)}`}>
              Sign in to fork
            </Link>{" "}
            or <Link href={`/sign-up?next=${encodeURIComponent(`/n/${notebook.slug}/fork`)}`}>create an account</Link>
          </p>
        </>
      )}
    </div>
  );
}
