"use client";

import "katex/dist/katex.min.css";
import { useCallback, useMemo, useRef, useState } from "react";
import { useGuest } from "@/lib/react/use-guest";
import { notebookSnapshotStore, useCellIds } from "@/lib/react/use-notebook";
import { useProgressiveCount } from "@/lib/react/use-progressive-count";
import type { CellId } from "@/lib/notebook/ids";
import { useNotebookController } from "@/lib/react/use-notebook-controller";
import { useNotebookKeys } from "@/lib/react/use-notebook-keys";
import { selectionRange } from "@/lib/react/cell-selection";
import { useNotebookNotices } from "@/lib/react/use-notebook-notices";
import { useNotebookSession, type NotebookSession } from "@/lib/react/use-notebook-session";
import { usePython } from "@/lib/react/use-kernel";
import { useSayScriptExtension } from "@/lib/react/script-extension";
import type { PresenceUser } from "@/lib/protocol/presence";
import { peersByCell, useParticipants, type Participant } from "@/lib/react/use-participants";
import { presenceUser } from "@/lib/react/use-guest";
import { ReadOnlyContext } from "@/lib/react/read-only";
import { LiveCell } from "../cell/live-cell";
import { GuestNameDialog } from "./guest-name-dialog";
import { InsertRow } from "./insert-row";
import { NotebookBar } from "./notebook-bar";
import { NotebookNotices } from "./notebook-notices";
import { NotebookFullNotice } from "./notebook-full-notice";
import { FindBar } from "./find-bar";
import { TableOfContents } from "./table-of-contents";
import { NotebookFind, NotebookFindContext } from "@/lib/react/notebook-find";
import { CheckPanel } from "../classroom/check-panel";
import { EmbedDialog, type EmbedDialogHandle } from "../embed/embed-dialog";
import { EmbedCellContext, type EmbedTarget } from "../embed/embed-cell-context";
import { cellLabel } from "@/lib/embed/labels";
import type { CheckSpec } from "@/lib/notebook/checks";

/** A student's copy of an assignment: its checks, shown above the cells. */
export interface AssignmentChecks {
  readonly checks: readonly CheckSpec[];
}

const NOBODY: readonly Participant[] = [];

interface BodyProps {
  session: NotebookSession;
  readOnly: boolean;
  user: PresenceUser;
  packageBaseUrl: string | null;
  maxNotebookBytes: number;
  /** Opens the guest's name dialog; null for a signed-in person (their account names them). */
  onRename: (() => void) | null;
  assignment: AssignmentChecks | null;
  embed: EmbedTarget | null;
}

/** Cells rendered with the page's first paint: a few screens' worth (the rest follow at once, in slices). */
const FIRST_CELLS = 30;

function LiveNotebookBody({ session, readOnly, user, packageBaseUrl, maxNotebookBytes, onRename, assignment, embed }: BodyProps) {
  // Only the order lives here: each cell reads its own snapshot, so typing re-renders one cell.
  const ids = useCellIds(session.doc);
  // A long notebook takes typing after its first cells; the rest render in a transition.
  const shown = useProgressiveCount(ids.length, FIRST_CELLS);
  // A viewer runs nothing here: their outputs could not reach the room.
  const python = usePython(session, user, packageBaseUrl, !readOnly, maxNotebookBytes);
  // The header's Download menu names the script's extension from the notebook's language.
  useSayScriptExtension(session.notebookId, session.doc);
  const { ui, actions, view } = useNotebookController(session, ids, python?.runner ?? null, readOnly);
  // The multi-cell selection (local to this person): marked on each of its cells.
  const selection = useMemo(() => (ui.anchorId === null ? [] : selectionRange(ids, ui.selectedId, ui.anchorId)), [ids, ui.selectedId, ui.anchorId]);
  const inSelection = useMemo(() => new Set(selection.length > 1 ? selection : []), [selection]);
  // The one tab stop among the cells (use-cell-tab-stops.ts): the selected cell, or the first.
  const tabStopId = ui.selectedId ?? ids[0] ?? null;
  const notices = useNotebookNotices(session, ui.mode === "edit" ? ui.selectedId : null);
  const participants = useParticipants(session.awareness);
  const byCell = useMemo(() => peersByCell(participants), [participants]);
  const container = useRef<HTMLDivElement>(null);
  useNotebookKeys(actions, container);
  // The Embed dialog reads the cells when it opens, so typing does not re-render it.
  const embedDialog = useRef<EmbedDialogHandle>(null);
  const embedCells = useCallback(() => notebookSnapshotStore(session.doc).get().cells.map((c, i) => ({ id: c.id, label: cellLabel(i, c.source) })), [session.doc]);
  const embedCell = useCallback((id: CellId) => embedDialog.current?.show(id), []);
  // Find's link to the cells' editors, and the contents panel: this page's UI state only.
  const [find] = useState(() => new NotebookFind());
  const [tocOpen, setTocOpen] = useState(false);
  const jump = useCallback(
    (id: CellId) => {
      actions.reveal(id);
      // The heading's cell at the top, below the sticky bars (scroll-margin), as JupyterLab does.
      requestAnimationFrame(() => container.current?.querySelector(`[data-cell-id="${id}"]`)?.scrollIntoView({ block: "start" }));
      if (window.matchMedia("(max-width: 640px)").matches) setTocOpen(false);
    },
    [actions],
  );

  return (
    <ReadOnlyContext.Provider value={readOnly}>
      <NotebookFindContext.Provider value={find}>
      <EmbedCellContext.Provider value={embed ? embedCell : null}>
      <NotebookBar
        session={session}
        python={python}
        actions={actions}
        participants={participants}
        helpOpen={ui.helpOpen}
        restartOpen={ui.restartOpen}
        onRename={onRename}
        findOpen={ui.find !== null}
        tocOpen={tocOpen}
        onToggleToc={() => setTocOpen((open) => !open)}
        panels={
          <>
            {ui.find ? <FindBar session={session} find={find} request={ui.find} selectedId={ui.selectedId} onClose={actions.closeFind} /> : null}
            {tocOpen ? <TableOfContents session={session} onJump={jump} onClose={() => setTocOpen(false)} /> : null}
          </>
        }
        extra={embed ? <EmbedDialog handle={embedDialog} target={embed} cells={embedCells} /> : null}
        onEmbed={embed ? () => embedDialog.current?.show() : null}
      />
      <NotebookNotices notices={notices.notices} onDismiss={notices.dismiss} />
      <NotebookFullNotice python={python} />
      {assignment && assignment.checks.length > 0 ? (
        <CheckPanel session={session} python={python} checks={assignment.checks} canRun={!readOnly} />
      ) : null}
      <div
        ref={container}
        className={`notebook-cells notebook-live mode-${ui.mode}`}
        data-testid="notebook-cells"
        data-ready="true"
        data-rendered={shown === ids.length ? "all" : "partial"}
        data-mode={ui.mode}
        data-selected-count={Math.max(selection.length, ui.selectedId === null ? 0 : 1)}
      >
        {ids.slice(0, shown).map((id, index) => {
          const selected = ui.selectedId === id;
          const focus = ui.focus?.id === id ? ui.focus : null;
          return (
            <div key={id} className="cell-slot">
              {index > 0 && !readOnly ? <InsertRow index={index} onInsert={actions.insertAt} /> : null}
              <LiveCell
                id={id}
                index={index}
                count={ids.length}
                session={session}
                python={python}
                actions={actions}
                selected={selected}
                tabStop={tabStopId === id}
                editing={selected && ui.mode === "edit"}
                focus={focus}
                peers={byCell.get(id) ?? NOBODY}
                markChecks={assignment === null}
                inSelection={inSelection.has(id)}
                selectionCount={selected ? Math.max(1, selection.length) : 1}
                view={view}
              />
            </div>
          );
        })}
        {ids.length === 0 ? <p className="empty">{readOnly ? "This notebook is empty." : "This notebook is empty. Add a cell to start."}</p> : null}
        {readOnly || shown < ids.length ? null : <InsertRow always index={ids.length} onInsert={actions.insertAt} />}
      </div>
      </EmbedCellContext.Provider>
      </NotebookFindContext.Provider>
    </ReadOnlyContext.Provider>
  );
}

/** An editable notebook, live: co-editing, presence, keyboard, and the connection's state. */
interface Props {
  notebookId: string;
  /** The document's state as the page got it (one Yjs update). */
  state: Uint8Array;
  /** A Pyodide package base URL for packages beyond the standard library, or null. */
  packageBaseUrl: string | null;
  /** The notebook's size limit, in bytes of its .ipynb (runs keep no outputs past it: lib/kernel/runner.ts). */
  maxNotebookBytes: number;
  /** The signed-in person's name and colour; null for a guest. */
  account: PresenceUser | null;
  /** A viewer: everything live, nothing changeable (lib/react/read-only.ts). */
  readOnly?: boolean;
  /** Set for a student's copy of an assignment. */
  assignment?: AssignmentChecks | null;
  /** What its Embed buttons embed; null for none. */
  embed?: EmbedTarget | null;
}

export default function LiveNotebook({ notebookId, state, packageBaseUrl, maxNotebookBytes, account, readOnly = false, assignment = null, embed = null }: Props) {
  const { identity, suggestion, rename } = useGuest();
  const guestUser = useMemo(() => presenceUser(identity, suggestion), [identity, suggestion]);
  // A signed-in person is who their account says; only a guest picks a name here.
  const user = useMemo(() => account ?? guestUser, [account, guestUser]);
  const session = useNotebookSession(notebookId, state, user);
  const [asking, setAsking] = useState<"first" | "rename" | null>(account === null && identity.name === null ? "first" : null);
  const openRename = useCallback(() => setAsking("rename"), []);

  return (
    <>
      {session ? (
        <LiveNotebookBody
          session={session}
          readOnly={readOnly}
          user={user}
          packageBaseUrl={packageBaseUrl}
          maxNotebookBytes={maxNotebookBytes}
          onRename={account ? null : openRename}
          assignment={assignment}
          embed={embed}
        />
      ) : (
        <div className="notebook-loading" role="status">
          Connecting…
        </div>
      )}
      {asking ? (
        <GuestNameDialog
          suggestion={suggestion}
          current={asking === "rename" ? identity.name ?? suggestion : null}
          onSave={rename}
          onClose={() => setAsking(null)}
        />
      ) : null}
    </>
  );
}
