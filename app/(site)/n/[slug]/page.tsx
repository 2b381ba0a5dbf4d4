import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { preload } from "react-dom";
import { IntentLink } from "@/components/site/intent-link";
import { CopyToEditButton } from "@/components/notebook/copy-to-edit-button";
import { Disclosure } from "@/components/ui/disclosure";
import { DownloadMenu } from "@/components/notebook/download-menu";
import { NotebookClient } from "@/components/notebook/notebook-client";
import { NotebookTitle } from "@/components/notebook/notebook-title";
import { ShareButton } from "@/components/notebook/share-button";
import { SharingDialog } from "@/components/notebook/sharing-dialog";
import { SaveVersionButton } from "@/components/versions/version-buttons";
import { getNotebookPage } from "@/lib/server/notebooks/queries";
import { oembedEndpoint } from "@/lib/server/embeds/oembed";
import { requestOrigin } from "@/lib/server/http/origin";
import { settings } from "@/lib/server/env";
import { ImportNotes } from "@/components/notebook/import-notes";
import { EarlyPython } from "@/components/notebook/early-python";
import { currentViewer } from "@/lib/server/auth/current";
import { getDb } from "@/lib/server/db/client";
import { recordVisit } from "@/lib/server/notebooks/library";
import { AssignmentBar } from "@/components/classroom/assignment-bar";
import { RefreshOnProgress } from "@/components/classroom/refresh-on-progress";
import { copyContext } from "@/lib/server/classroom/progress";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

const load = cache(async (slug: string) => getNotebookPage(slug, await currentViewer()));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const notebook = await load((await params).slug);
  if (!notebook) return { title: "Not found" };
  // oEmbed discovery (<link rel="alternate" type="application/json+oembed">), for what may be embedded.
  const oembed = notebook.embeddable ? [{ url: oembedEndpoint(requestOrigin(await headers()), notebook.slug), title: notebook.title }] : null;
  return { title: notebook.title, description: notebook.lesson?.summary, ...(oembed ? { alternates: { types: { "application/json+oembed": oembed } } } : {}) };
}

export default async function NotebookPage({ params }: Props) {
  const notebook = await load((await params).slug);
  if (!notebook) notFound();
  const viewer = await currentViewer();
  if (viewer) await recordVisit(getDb(), viewer.id, notebook.id);
  const assignment = viewer ? await copyContext(getDb(), viewer.id, notebook.id) : null;
  // A student's own copy, read-only since their due date (ADR 0006): said so, with no fork to edit.
  const locked = assignment?.viewerRole === "student" && assignment.progress.locked && !notebook.canWrite;
  const presence = viewer ? { name: viewer.name, color: viewer.color, ...(assignment?.viewerRole === "teacher" ? { role: "teacher" as const } : {}) } : null;
  const packageBaseUrl = settings().pyodidePackageUrl;
  // The document's bytes come from their own URL; the download starts with the HTML.
  const stateUrl = `/n/${notebook.slug}/state`;
  preload(stateUrl, { as: "fetch", crossOrigin: "anonymous" });
  return (
    <article className="notebook" data-notebook-id={notebook.id}>
      {/* Starts Python before the notebook's session has opened (lib/kernel/early.ts). */}
      {notebook.canWrite ? <EarlyPython packageBaseUrl={packageBaseUrl} /> : null}
      <header className="notebook-header">
        {/* Compact, like a document name: the notebook's own first cell usually carries the big title. */}
        <NotebookTitle notebookId={notebook.id} title={notebook.title} canWrite={notebook.canWrite} />
        {notebook.lesson ? (
          <span className="lesson-facts">
            <span className="badge">Lesson</span>
            <span className="badge">{notebook.lesson.level}</span>
            <span>{notebook.lesson.minutes} min</span>
          </span>
        ) : null}
        <span className="notebook-header-actions">
          {/* On a phone these go behind "More", so that sharing and the notebook come first. */}
          <Disclosure className="notebook-more-box" label="More" toggleClassName="button button-small notebook-more-toggle" panelClassName="notebook-more">
            <DownloadMenu notebookId={notebook.id} slug={notebook.slug} />
            <IntentLink className="button button-small" href={`/n/${notebook.slug}/history`}>
              History
            </IntentLink>
            {notebook.canWrite && viewer ? <SaveVersionButton notebookId={notebook.id} /> : null}
            {notebook.canWrite ? <CopyToEditButton slug={notebook.slug} label="Fork" primary={false} /> : null}
          </Disclosure>
          {notebook.canWrite ? (
            <>
              <span className="share-note" data-testid="audience">
                {assignment ? "Private: the student and the class's teachers" : notebook.audience}
              </span>
              {notebook.role === "owner" && !assignment ? <SharingDialog notebookId={notebook.id} /> : null}
              {assignment ? null : <ShareButton />}
            </>
          ) : locked ? null : (
            <CopyToEditButton slug={notebook.slug} label={notebook.lesson ? "Copy to edit together" : "Fork to edit"} />
          )}
        </span>
        {assignment ? (
          <>
            <AssignmentBar context={assignment} />
            <RefreshOnProgress notebookId={notebook.id} />
          </>
        ) : null}
        {notebook.canWrite ? <ImportNotes slug={notebook.slug} /> : null}
        {notebook.forkedFrom || notebook.ownerName ? (
          <p className="notebook-provenance" data-testid="notebook-provenance">
            {notebook.ownerName ? <span>by {notebook.ownerName}</span> : null}
            {notebook.forkedFrom ? (
              <span>
                forked from <IntentLink href={`/n/${notebook.forkedFrom.slug}`}>{notebook.forkedFrom.title}</IntentLink>
              </span>
            ) : null}
          </p>
        ) : null}
        {notebook.canWrite ? null : locked ? (
          <p className="notebook-note" data-testid="locked-note">
            Your copy is read-only now: its due date has passed. You can still read it{assignment?.progress.status === "working" ? " and hand it in" : ""}; your
            teacher can return it to you for more work.
          </p>
        ) : notebook.lesson ? (
          <p className="notebook-note">
            Run its cells here, in Python 3.14 in your own browser (Pyodide): <strong>Run all</strong>, or Run on a cell.
            To change the code, copy it and edit it together with a friend: your copy gets its own link, and everyone
            with the link edits live. Where your results differ from the lesson&apos;s, the lesson&apos;s output is shown
            beside the cell with the reason.
          </p>
        ) : (
          <p className="notebook-note" data-testid="view-only">
            You can view this notebook. To change it, ask its owner to make you an editor, or fork it into a copy of your
            own.
          </p>
        )}
      </header>
      <NotebookClient
        notebookId={notebook.id}
        source={{ url: stateUrl }}
        canWrite={notebook.canWrite}
        packageBaseUrl={packageBaseUrl}
        maxNotebookBytes={settings().limits.notebookBytes}
        account={presence}
        assignment={assignment ? { checks: assignment.assignment.checks } : null}
        // A student's copy is theirs and their teachers' only: nothing to embed.
        embed={
          assignment
            ? null
            : { slug: notebook.slug, title: notebook.title, embeddable: notebook.embeddable, linkEdits: notebook.linkEdits, notebookId: notebook.id, canShare: notebook.role === "owner" }
        }
        // Lessons read as a static page, with their reference outputs; a shared notebook's viewer
        // watches it live.
        liveView={!notebook.lesson}
        runnable={notebook.lesson !== null}
      />
    </article>
  );
}
