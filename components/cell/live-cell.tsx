"use client";

import { memo, useCallback, useEffect, useMemo, useRef, useState, type FocusEvent, type MouseEvent } from "react";
import { cellSourceText, getCellMap } from "@/lib/notebook/schema";
import type { CellId } from "@/lib/notebook/ids";
import type { CellSnapshot } from "@/lib/notebook/selectors";
import { useCellSnapshot } from "@/lib/react/use-notebook";
import type { Attachments } from "@/lib/markdown/render";
import { useScrollableFocus } from "@/lib/react/use-scrollable-focus";
import { useMarkdownHtml } from "@/lib/react/use-math";
import type { Caret, EditorHandle, NotebookActions } from "@/lib/react/use-notebook-controller";
import type { NotebookSession } from "@/lib/react/use-notebook-session";
import type { Participant } from "@/lib/react/use-participants";
import { useNearViewport } from "@/lib/react/use-near-viewport";
import { useCellTabStops } from "@/lib/react/use-cell-tab-stops";
import { useCellRun, type Python } from "@/lib/react/use-kernel";
import { useRunAwaitsInput, useRunIsLive } from "@/lib/react/use-participants";
import { useCellView, type CellViewStore } from "@/lib/react/cell-view-state";
import { CollabEditor } from "../editor/collab-editor";
import { StaticCode } from "../editor/static-code";
import { CellOutputs, CellPrompt, safeMeta } from "./cell-outputs";
import { CellPeers } from "./cell-peers";
import { CellToolbar } from "./cell-toolbar";
import { InputPromptField, InputWaiting } from "./input-prompt";
import { RunInfo } from "./run-info";
import { NameHint } from "./name-hint";
import { missingName } from "@/lib/kernel/name-hint";
import { useReadOnly } from "@/lib/react/read-only";
import { useRenderedFindMarks, useShowsFindMatch } from "@/lib/react/notebook-find";
import { CellComments } from "../comments/cell-comments";
import { isEditable, isLocked, readCheck } from "@/lib/notebook/checks";

interface Props {
  id: CellId;
  index: number;
  count: number;
  session: NotebookSession;
  python: Python | null;
  actions: NotebookActions;
  selected: boolean;
  /** The notebook's one tab stop among the cells (the selected cell, or the first): use-cell-tab-stops.ts. */
  tabStop: boolean;
  editing: boolean;
  /** A request to move the focus here (keyboard or button), new token each time. */
  focus: { token: number; caret: Caret } | null;
  peers: readonly Participant[];
  /** Whether the toolbar offers marking checks (not in a student's copy of an assignment). */
  markChecks: boolean;
  /** Part of a multi-cell selection (cell-selection.ts). */
  inSelection: boolean;
  /** The selection's size when this is its active cell, else 1. */
  selectionCount: number;
  /** This person's view of the cells (cell-view-state.ts). */
  view: CellViewStore;
}

/**
 * What a press inside a cell does not select it for: its own controls. Selecting on their
 * mousedown would also move them: on a phone, the toolbar row of the cell selected before goes
 * away, the cell jumps up, and the rest of the tap lands beside the control (a hint's summary in
 * a lesson stayed shut).
 */
const IGNORE_CLICKS = ".cm-editor, button, select, a, input, textarea, label, summary, [role=button]";
/** Cells rendered in full before the viewport has been measured: about a screenful. */
const EAGER_CELLS = 12;

function RenderedMarkdown({ cell, onEdit }: { cell: CellSnapshot; onEdit: () => void }) {
  const html = useMarkdownHtml(cell.source, cell.attachments as Attachments | undefined);
  const rendered = useRef<HTMLDivElement>(null);
  useRenderedFindMarks(rendered, html);
  useScrollableFocus(rendered, html);
  if (!cell.source.trim()) {
    return (
      <div className="cell-rendered cell-rendered-empty" onDoubleClick={onEdit}>
        Empty text cell. Double-click (or press Enter) to write markdown.
      </div>
    );
  }
  return <div ref={rendered} className="cell-rendered markdown" onDoubleClick={onEdit} dangerouslySetInnerHTML={{ __html: html }} />;
}

/**
 * One cell of an editable notebook: its editor (mounted only near the viewport, static text
 * otherwise), its outputs, its toolbar, and who else is in it.
 */
export const LiveCell = memo(function LiveCell({ id, ...props }: Props) {
  const cell = useCellSnapshot(props.session.doc, id);
  // Gone between the list's render and this one (deleted): the list drops it next.
  return cell ? <LiveCellBody cell={cell} {...props} /> : null;
});

function LiveCellBody(props: Omit<Props, "id"> & { cell: CellSnapshot }) {
  const { cell, index, count, session, python, actions, selected, tabStop, editing, focus, peers, markChecks, inSelection, selectionCount } = props;
  const view = useCellView(props.view, cell.id);
  const { run, ranHash, input, wrote } = useCellRun(python, cell.id);
  const readOnly = useReadOnly();
  const liveRunId = cell.execution?.status === "running" ? cell.execution.runId : undefined;
  const live = useRunIsLive(session.awareness, liveRunId);
  // Someone's run waits for their answer to input(): the others are told whose (the author has the field).
  const awaitsInput = useRunAwaitsInput(session.awareness, liveRunId);
  // Running here, or in a present participant's Python; a "running" record nobody claims was cut off.
  const running = run?.state === "running" || live;
  const article = useRef<HTMLElement>(null);
  const handle = useRef<EditorHandle | null>(null);
  const pendingCaret = useRef<Caret | null>(null);
  const near = useNearViewport(article, index < EAGER_CELLS);
  // The cell's own controls are in the tab order when it is the tab stop, or while the focus is in
  // it (an input() field or a comment form in a cell that is not selected keeps its Tab order).
  const [focusInside, setFocusInside] = useState(false);
  const tabbable = tabStop || focusInside;
  useCellTabStops(article, tabbable);
  // A text cell once rendered stays rendered: scrolling back never shows its source again.
  const [rendered, setRendered] = useState(false);
  if (near && !rendered && cell.type === "markdown") setRendered(true);
  // A rendered markdown cell shows its source while it holds the find bar's current match.
  const findMatch = useShowsFindMatch(cell.id);
  const showEditor = cell.type !== "markdown" || editing || findMatch;
  const mountEditor = showEditor && (near || selected || findMatch);

  // The Y.Text identity changes only if the cell map is replaced (a deleted cell restored by undo).
  const text = useMemo(() => {
    const map = getCellMap(session.doc, cell.id);
    return map ? cellSourceText(map) : null;
  }, [session.doc, cell]);

  useEffect(() => {
    if (!focus) return;
    if (editing) {
      if (handle.current) handle.current.focus(focus.caret);
      else pendingCaret.current = focus.caret;
    } else {
      article.current?.focus({ preventScroll: true });
    }
    article.current?.scrollIntoView({ block: "nearest" });
    // Only a new request moves the focus.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focus?.token]);

  const onReady = useCallback((h: EditorHandle | null) => {
    handle.current = h;
    if (h && pendingCaret.current) {
      h.focus(pendingCaret.current);
      pendingCaret.current = null;
    }
  }, []);

  const onMouseDown = (event: MouseEvent) => {
    if ((event.target as Element).closest(IGNORE_CLICKS)) return;
    if (event.shiftKey) {
      // Shift-click selects a range; the browser must not select the text in between.
      event.preventDefault();
      actions.extendTo(cell.id);
      (event.currentTarget as HTMLElement).focus({ preventScroll: true });
      return;
    }
    actions.select(cell.id, "command");
  };
  const edit = () => actions.perform("edit", cell.id);
  const onFocus = (event: FocusEvent) => {
    if (!focusInside) setFocusInside(true);
    // Tabbed onto the first cell before any was selected: it becomes the selected one.
    if (event.target === event.currentTarget && tabStop && !selected) actions.select(cell.id, "command");
  };
  const onBlur = (event: FocusEvent) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocusInside(false);
  };

  // My own run's NameError (not someone else's output, not a run going on): maybe a cell I have not run defines it.
  const missing = python && !running && cell.execution?.status === "error" && cell.execution.runId === wrote ? missingName(cell.outputs) : null;

  const meta = safeMeta(cell);
  const check = cell.type === "code" ? readCheck(cell.metadata) : null;
  const locked = isLocked(cell.metadata);
  // A hidden check in a student's copy: an empty, locked cell whose code the server keeps.
  const hiddenCode = check?.hidden === true && cell.source.trim() === "";
  const label = `${cell.type === "code" ? "Code" : cell.type === "markdown" ? "Markdown" : "Raw"} cell ${index + 1}`;
  const classes = ["cell", `cell-${cell.type}`, "cell-live"];
  if (selected) classes.push("is-selected");
  if (inSelection) classes.push("is-in-selection");
  if (editing) classes.push("is-editing");
  if (peers.length > 0) classes.push("has-peers");
  if (meta.exercise) classes.push("cell-exercise");
  if (check) classes.push("cell-check");
  if (running) classes.push("is-running");

  const editor =
    mountEditor && text ? (
      <CollabEditor
        text={text}
        session={session}
        cellId={cell.id}
        language={cell.type === "code" ? "python" : cell.type === "markdown" ? "markdown" : "plain"}
        label={label}
        placeholder={cell.type === "code" ? "Type Python here…" : cell.type === "markdown" ? "Write markdown…" : ""}
        actions={actions}
        onReady={onReady}
        readOnly={readOnly || !isEditable(cell.metadata)}
        python={python}
        lineNumbers={view.lineNumbers}
      />
    ) : (
      <StaticCode source={cell.source} python={cell.type === "code"} />
    );

  return (
    <article
      ref={article}
      className={classes.join(" ")}
      data-cell-id={cell.id}
      data-cell-type={cell.type}
      data-run-state={run?.state}
      data-testid="cell"
      aria-label={label}
      aria-current={selected ? "true" : undefined}
      data-in-selection={inSelection ? "true" : undefined}
      tabIndex={tabStop ? 0 : -1}
      onMouseDown={onMouseDown}
      onFocus={onFocus}
      onBlur={onBlur}
      style={peers.length > 0 ? ({ "--peer-color": peers[0]!.color } as React.CSSProperties) : undefined}
    >
      <div className="cell-tags">
        {meta.exercise ? <span className="cell-badge-inline">Exercise</span> : null}
        {check ? (
          <span className="cell-badge-inline cell-badge-check" data-testid="check-badge">
            {check.hidden ? "Hidden check" : "Check"}
          </span>
        ) : null}
        <CellPeers peers={peers} />
      </div>
      {showEditor ? (
        <div className="cell-input">
          {cell.type === "code" ? (
            <CellPrompt count={cell.executionCount} running={running} by={cell.execution && (running || cell.execution.status !== "running") ? cell.execution.by : null} />
          ) : (
            <div className="cell-prompt" aria-hidden />
          )}
          <div className="cell-body">
            {hiddenCode ? (
              <p className="hidden-check-note" data-testid="hidden-check">
                A hidden check: its code runs with <strong>Run checks</strong>, without being shown.
              </p>
            ) : (
              editor
            )}
          </div>
        </div>
      ) : near || selected || rendered ? (
        <RenderedMarkdown cell={cell} onEdit={edit} />
      ) : (
        // Far from the viewport: the source as unpainted text, so the page holds its words (find in
        // page works) without rendering markdown and math for hundreds of cells up front, and a
        // jump that lands on it before it renders shows an empty box, never raw markdown.
        <div className="cell-rendered cell-rendered-far">{cell.source}</div>
      )}
      {/* After the code, not before it: on a wide screen it floats over the cell's top edge; on a
          phone or a touch screen it takes its own row under the code (small-screens.css), where it never
          covers a line, and selecting a cell does not move the code under the finger. */}
      {readOnly ? null : (
        <CellToolbar
          id={cell.id}
          type={cell.type}
          first={index === 0}
          last={index === count - 1}
          editing={editing}
          actions={actions}
          check={check}
          markChecks={markChecks}
          locked={locked}
          view={view}
          count={selectionCount}
          tabbable={tabbable}
        />
      )}
      {cell.type === "code" ? (
        <CellOutputs
          cell={cell}
          collapsed={view.collapsed}
          scrolled={view.scrolled}
          onExpand={() => actions.perform("toggleOutputs", cell.id, "button")}
          footer={
            <>
              {input && python ? (
                <InputPromptField
                  input={input}
                  to={run?.replay ? "catch-up" : "room"}
                  author={cell.execution?.by.name}
                  onAnswer={(text, how) => python.runner.answerInput(text, how)}
                />
              ) : null}
              {awaitsInput && !input && cell.execution ? <InputWaiting name={cell.execution.by.name} /> : null}
              {missing && python ? <NameHint name={missing} cellId={cell.id} session={session} python={python} actions={actions} /> : null}
              <RunInfo execution={cell.execution} source={cell.source} run={run} ranHash={ranHash} live={running} />
            </>
          }
        />
      ) : null}
      <CellComments cellId={cell.id} />
    </article>
  );
}
