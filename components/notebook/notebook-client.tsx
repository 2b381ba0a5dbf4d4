"use client";

import dynamic from "next/dynamic";
import type { PresenceUser } from "@/lib/protocol/presence";
import { CommentsBanner } from "../comments/comments-banner";
import { CommentsProvider } from "../comments/comments-provider";
import type { AssignmentChecks } from "./live-notebook";
import type { EmbedTarget } from "../embed/embed-cell-context";
import type { DocumentSource } from "@/lib/react/use-document-state";
import { DocumentGate } from "./document-gate";

/**
 * The notebook body renders in the browser only: it is a live Yjs document (markdown is sanitized
 * with DOMPurify, which needs a DOM, and editors are CodeMirror views), so the server sends the
 * page frame and the document's state, and this mounts the view: live and editable when the
 * visitor may write, a read-only rendering of the stored state otherwise (lessons). The state is
 * fetched from its own URL (lib/react/use-document-state.ts), not carried in the page.
 */
const loading = () => (
  <div className="notebook-loading" role="status">
    Opening notebook…
  </div>
);

const NotebookView = dynamic(() => import("./notebook-view"), { ssr: false, loading });
const LiveNotebook = dynamic(() => import("./live-notebook"), { ssr: false, loading });

interface Props {
  notebookId: string;
  /** Where the document's state comes from: its URL (the page preloads it), or inline. */
  source: DocumentSource;
  canWrite: boolean;
  packageBaseUrl: string | null;
  /** The notebook's size limit, in bytes of its .ipynb (the server's TANDEM_MAX_NOTEBOOK_BYTES). */
  maxNotebookBytes: number;
  /** The signed-in person's name and colour; null for a guest. */
  account: PresenceUser | null;
  /** Read-only but live (a viewer of a shared notebook), rather than a static rendering (lessons). */
  liveView?: boolean;
  /** Set for a student's copy of an assignment: its checks. */
  assignment?: AssignmentChecks | null;
  /** What the Embed buttons embed (null: none, as on a student's copy). */
  embed?: EmbedTarget | null;
  /** A read-only rendering whose cells the reader may run in their own Python (a lesson). */
  runnable?: boolean;
}

export function NotebookClient({ notebookId, source, canWrite, packageBaseUrl, maxNotebookBytes, account, liveView = false, assignment = null, embed = null, runnable = false }: Props) {
  return canWrite || liveView ? (
    // Comments on live notebooks: everyone who may read reads them; accounts that may edit write
    // them; readers reply where the owner lets guests reply.
    <CommentsProvider notebookId={notebookId} guest={account === null}>
      <CommentsBanner />
      <DocumentGate source={source}>
        {(state) => (
          <LiveNotebook
            notebookId={notebookId}
            state={state}
            packageBaseUrl={packageBaseUrl}
            maxNotebookBytes={maxNotebookBytes}
            account={account}
            readOnly={!canWrite}
            assignment={assignment}
            embed={embed}
          />
        )}
      </DocumentGate>
    </CommentsProvider>
  ) : (
    <DocumentGate source={source}>{(state) => <NotebookView state={state} embed={embed} runnable={runnable} packageBaseUrl={packageBaseUrl} />}</DocumentGate>
  );
}
