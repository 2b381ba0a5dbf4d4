"use client";

/**
 * The author's "Embed" button and dialog: choose the whole notebook, one cell or a range, and copy
 * a snippet for another site (the script tag, which sizes the frame to its cells, or a plain
 * iframe), or preview the frame in a new tab. The snippets come from lib/embed/urls.ts, like
 * everything else about embeds.
 *
 * A modal <dialog> (showModal) rather than a popover like Share's: it sits in the top layer, so it
 * is neither clipped nor dimmed when it is opened from a cell's toolbar (cell slots contain their
 * paint, and the toolbar fades). Keys, clicks and presses inside it stop at the dialog, so neither
 * the notebook's shortcuts nor the cell's "select on press" see them.
 */
import { useEffect, useId, useImperativeHandle, useRef, useState, type Ref } from "react";
import { embedTitle } from "@/lib/embed/labels";
import type { EmbedTarget } from "./embed-cell-context";
import { MakeViewOnly } from "./make-view-only";
import { useBrowserOrigin } from "@/lib/react/use-browser-origin";
import { embedUrl, iframeSnippet, scriptSnippet, type EmbedSelection } from "@/lib/embed/urls";
import "./embed-dialog.css";

/** A cell the author may pick; `label` as cellLabel (lib/embed/labels.ts) makes it. */
export interface EmbedCellOption {
  id: string;
  label: string;
}

export interface EmbedDialogProps {
  /** The notebook: its slug, its title (the frame's accessible title starts with it), whether it may be embedded. */
  target: EmbedTarget;
  /** Every cell in notebook order, or a function that reads them when the dialog opens (a live notebook). */
  cells: readonly EmbedCellOption[] | (() => readonly EmbedCellOption[]);
  /** Start with this cell chosen (from a cell's toolbar); otherwise the whole notebook. */
  initialCell?: string;
  /** Lets a caller open the dialog on a cell (a cell toolbar's "Embed"); `cells` is read then. */
  handle?: Ref<EmbedDialogHandle>;
}

type Mode = EmbedSelection["kind"];

const UNAVAILABLE = "Embeds show only public notebooks and notebooks shared by link: change who can open it with Share.";
const LINK_EDITS =
  "Anyone with this notebook's link can edit it, and an embed shows that link to every reader of your site: they could change what all the others see. Make the link view-only first. People who edit through the link will then only view; invite them by email to keep them editing.";

// The page's origin: stable for the page's life, and "" while rendering on the server (where the
// dialog is never open anyway).

/** The choice resolved against the cells as they are now (a collaborator may delete one meanwhile). */
function resolve(mode: Mode, cells: readonly EmbedCellOption[], picked: { cell: string; from: string; to: string }) {
  const indexOf = (id: string, fallback: number) => {
    const i = cells.findIndex((c) => c.id === id);
    return i >= 0 ? i : fallback;
  };
  const cell = indexOf(picked.cell, 0);
  const [a, b] = [indexOf(picked.from, 0), indexOf(picked.to, cells.length - 1)];
  const [from, to] = a <= b ? [a, b] : [b, a];
  let selection: EmbedSelection = { kind: "notebook" };
  let positions: number[] = [];
  if (mode === "cell" && cells.length > 0) {
    selection = { kind: "cell", id: cells[cell]!.id };
    positions = [cell + 1];
  } else if (mode === "range" && cells.length > 0) {
    // Both ends on one cell is that cell, as parseSelection reads it.
    selection = from === to ? { kind: "cell", id: cells[from]!.id } : { kind: "range", from: cells[from]!.id, to: cells[to]!.id };
    positions = [from + 1, to + 1];
  }
  return { selection, positions, cell, from, to };
}

export interface EmbedDialogHandle {
  show(cellId?: string): void;
}

export function EmbedDialog({ target, cells: given, initialCell, handle }: EmbedDialogProps) {
  const { slug, title, embeddable } = target;
  const read = () => (typeof given === "function" ? given() : given);
  const [cells, setCells] = useState<readonly EmbedCellOption[]>(() => (typeof given === "function" ? [] : given));
  const [open, setOpen] = useState(false);
  const [mode, setMode] = useState<Mode>("notebook");
  const [picked, setPicked] = useState({ cell: "", from: "", to: "" });
  const [copied, setCopied] = useState<{ what: string; text: string } | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const pressedOnBackdrop = useRef(false);
  const fields = { script: useRef<HTMLTextAreaElement>(null), iframe: useRef<HTMLTextAreaElement>(null) };
  const origin = useBrowserOrigin();
  const id = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!open || !element) return;
    if (!element.open) element.showModal();
    element.querySelector<HTMLElement>("input:checked, [data-autofocus]")?.focus();
  }, [open]);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(null), 2000);
    return () => clearTimeout(timer);
  }, [copied]);

  const show = (asked: string | undefined = initialCell) => {
    const cells = read();
    setCells(cells);
    const start = asked !== undefined && cells.some((c) => c.id === asked) ? asked : null;
    const first = start ? cells.findIndex((c) => c.id === start) : 0;
    setMode(start ? "cell" : "notebook");
    setPicked({ cell: start ?? cells[0]?.id ?? "", from: cells[first]?.id ?? "", to: cells[Math.min(first + 1, cells.length - 1)]?.id ?? "" });
    setCopied(null);
    setOpen(true);
  };
  useImperativeHandle(handle, () => ({ show }));
  const hide = () => {
    setOpen(false);
    button.current?.focus();
  };

  const chosen = resolve(mode, cells, picked);
  const frameTitle = embedTitle(title, chosen.positions);
  const script = scriptSnippet(origin, slug, chosen.selection);
  const iframe = iframeSnippet(origin, slug, chosen.selection, frameTitle);

  const copy = async (what: "script" | "iframe", text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied({ what, text });
    } catch {
      // No clipboard (permission, insecure origin): select the text, for Ctrl-C.
      fields[what].current?.focus();
      fields[what].current?.select();
    }
  };
  const radio = (value: Mode, label: string, disabled: boolean) => (
    <label className="embed-choice-option">
      <input type="radio" name={`${id}-mode`} value={value} checked={mode === value} disabled={disabled} onChange={() => setMode(value)} />
      {label}
    </label>
  );
  const cellOptions = (disableBefore = -1) =>
    cells.map((c, i) => (
      <option key={c.id} value={c.id} disabled={i < disableBefore}>
        {c.label}
      </option>
    ));
  const snippet = (what: "script" | "iframe", label: string, text: string, hint: string) => {
    const isCopied = copied?.what === what && copied.text === text;
    return (
      <div className="embed-snippet">
        <div className="embed-snippet-head">
          <label htmlFor={`${id}-${what}`}>{label}</label>
          <button type="button" className="button button-small" onClick={() => void copy(what, text)}>
            {isCopied ? "Copied" : "Copy"}
            <span className="visually-hidden"> {label.toLowerCase()}</span>
          </button>
        </div>
        <textarea
          id={`${id}-${what}`}
          ref={fields[what]}
          className="embed-snippet-text"
          data-testid={`embed-${what}-snippet`}
          readOnly
          rows={3}
          spellCheck={false}
          value={text}
          onFocus={(e) => e.currentTarget.select()}
        />
        <p className="hint">{hint}</p>
      </div>
    );
  };

  return (
    <>
      <button ref={button} type="button" className="button button-small" aria-haspopup="dialog" aria-expanded={open} onClick={() => show()}>
        Embed
      </button>
      {open ? (
        <dialog
          ref={dialog}
          className="embed-dialog"
          role="dialog"
          aria-labelledby={`${id}-title`}
          data-testid="embed-dialog"
          onKeyDown={(e) => {
            e.stopPropagation();
            if (e.key === "Escape") {
              e.preventDefault();
              hide();
            }
          }}
          // Escape the browser handles itself (or any other close) leaves the state in step.
          onClose={() => setOpen(false)}
          onMouseDown={(e) => {
            e.stopPropagation();
            pressedOnBackdrop.current = e.target === e.currentTarget;
          }}
          onClick={(e) => {
            e.stopPropagation();
            // A click on the backdrop lands on the <dialog> itself; a drag out of a field does not count.
            if (e.target === e.currentTarget && pressedOnBackdrop.current) hide();
          }}
        >
          <div className="embed-dialog-body">
            <h2 id={`${id}-title`}>Embed on your site</h2>
            {embeddable ? (
              <>
                <fieldset className="embed-choice">
                  <legend>Show</legend>
                  {radio("notebook", "The whole notebook", false)}
                  <div className="embed-choice-row">
                    {radio("cell", "One cell", cells.length === 0)}
                    <select
                      aria-label="Cell"
                      value={cells[chosen.cell]?.id ?? ""}
                      disabled={cells.length === 0}
                      onChange={(e) => {
                        setPicked({ ...picked, cell: e.target.value });
                        setMode("cell");
                      }}
                    >
                      {cellOptions()}
                    </select>
                  </div>
                  <div className="embed-choice-row">
                    {radio("range", "A range of cells", cells.length < 2)}
                    <span className="embed-range">
                      <label className="embed-range-end">
                        from
                        <select
                          value={cells[chosen.from]?.id ?? ""}
                          disabled={cells.length < 2}
                          onChange={(e) => {
                            const from = e.target.value;
                            const fromIndex = cells.findIndex((c) => c.id === from);
                            // "to" never stays before "from".
                            setPicked({ ...picked, from, to: fromIndex > chosen.to ? from : (cells[chosen.to]?.id ?? from) });
                            setMode("range");
                          }}
                        >
                          {cellOptions()}
                        </select>
                      </label>
                      <label className="embed-range-end">
                        to
                        <select
                          value={cells[chosen.to]?.id ?? ""}
                          disabled={cells.length < 2}
                          onChange={(e) => {
                            setPicked({ ...picked, from: cells[chosen.from]?.id ?? "", to: e.target.value });
                            setMode("range");
                          }}
                        >
                          {cellOptions(chosen.from)}
                        </select>
                      </label>
                    </span>
                  </div>
                </fieldset>
                {snippet("script", "Script tag", script, "Recommended: the frame grows and shrinks with the cells.")}
                {snippet("iframe", "iframe", iframe, "Works where scripts are not allowed, at a fixed height.")}
                <span className="visually-hidden" role="status">
                  {copied ? `Copied the ${copied.what === "script" ? "script tag" : "iframe"}` : ""}
                </span>
              </>
            ) : (
              <p className="embed-dialog-note" data-testid="embed-unavailable">
                {target.linkEdits ? LINK_EDITS : UNAVAILABLE}
              </p>
            )}
            <p className="embed-dialog-foot">
              {embeddable ? (
                <a className="button button-small" href={embedUrl(origin, slug, chosen.selection)} target="_blank" rel="noopener noreferrer">
                  Preview
                </a>
              ) : target.linkEdits && target.notebookId ? (
                <MakeViewOnly notebookId={target.notebookId} canShare={target.canShare === true} />
              ) : (
                <span />
              )}
              <button type="button" className="button button-small" data-autofocus={embeddable ? undefined : ""} onClick={hide}>
                Done
              </button>
            </p>
          </div>
        </dialog>
      ) : null}
    </>
  );
}
