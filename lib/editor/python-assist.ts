/**
 * Code intelligence in a Python cell's editor, from the person's own kernel: completion (Tab after
 * a name or a dot, Ctrl-Space, and by itself as one types after a dot or in an import), the
 * signature and docstring tooltip on Shift-Tab (as in Jupyter), and closing brackets and quotes.
 *
 * The kernel is reached through `CodeAssist`, which the page's kernel client implements
 * (lib/kernel/client.ts); this layer does not import the kernel. `assist()` is read on each
 * request, so the editor need not be rebuilt when Python starts, restarts or goes.
 *
 * Collaboration: a completion is an ordinary local transaction (userEvent "input.complete"), which
 * y-codemirror turns into a Y.Text change under the binding's origin, so the partner sees it and
 * the person's own undo takes it back, like typing. A partner's edits elsewhere leave an open list
 * alone (CodeMirror maps it through remote changes and only resets when they touch the word).
 *
 * Speed: the list is on screen within a frame or two of the key. CodeMirror (6.20) asks a source
 * `activateOnTypingDelay` after a typed character (set to 0 here: Python answers in milliseconds,
 * a request already in flight is never doubled, and the kernel client answers a word typed on from
 * the list it already has), but waits a fixed 50 ms after its own `startCompletion`. So Tab and
 * Ctrl-Space start completion as typing does (`askNow`), and leave a mark (`askedAt`) that tells
 * the source the ask was explicit. `updateSyncTime` (how long a fast source waits for slower
 * ones) never applies: there is one source, and its answer is shown as soon as it comes.
 *
 * Keys: these bindings come before the notebook's (collab.ts puts them first), so while the list
 * is open Escape closes it without leaving the editor and the arrows move in it rather than to the
 * next cell. Tab with nothing to complete (at the start of a line, after a space) still indents,
 * and Shift-Tab there still dedents: only then do the bindings below give way. The shortcuts
 * popover lists these keys from assist-keys.ts (its test checks that they are bound here).
 */
import {
  acceptCompletion,
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  closeCompletion,
  completionKeymap,
  completionStatus,
  startCompletion,
  type Completion,
  type CompletionContext,
  type CompletionResult,
} from "@codemirror/autocomplete";
import { syntaxTree } from "@codemirror/language";
import { Prec, StateEffect, StateField, Transaction, type EditorState, type Extension, type Text } from "@codemirror/state";
import { EditorView, keymap, showTooltip, tooltips, type Command, type Tooltip } from "@codemirror/view";

/** A completion reply as the kernel client gives it (lib/kernel/client.ts CompletionReply). */
export interface AssistCompletions {
  readonly from: number;
  readonly to: number;
  readonly matches: readonly { readonly label: string; readonly kind: string }[];
}

/** An inspection as the kernel client gives it (lib/kernel/client.ts InspectReply). */
export type AssistDocs =
  | {
      readonly status: "found";
      readonly name: string;
      readonly typeName: string;
      readonly signature: string | null;
      readonly doc: string | null;
      readonly value: string | null;
    }
  | { readonly status: "not-found" }
  | { readonly status: "busy" };

export interface CodeAssist {
  complete(code: string, cursor: number): Promise<AssistCompletions>;
  inspect(code: string, cursor: number): Promise<AssistDocs>;
}

/** Syntax nodes inside which nothing is completed. */
const QUIET_NODES = /^(String|FormatString|Comment)/;
const WORD_BEFORE = /[\p{L}\p{N}_.]$/u;
/** Typing opens the list by itself only here: after a dot, or in an import. */
const AUTO_CONTEXT = /(?:\.[\p{L}\p{N}_]*|^\s*(?:import|from)\s+[\p{L}\p{N}_.,\s]*)$/u;
/** What the typed part may grow into before the list must be asked for again. */
const PUBLIC_WORD = /^(?:[\p{L}\p{N}][\p{L}\p{N}_]*)?$/u;
const ANY_WORD = /^[\p{L}\p{N}_]*$/u;

function quiet(state: EditorState, pos: number): boolean {
  const node = syntaxTree(state).resolveInner(pos, -1);
  return QUIET_NODES.test(node.name) && pos > node.from;
}

// ---- asking without CodeMirror's 50 ms wait ----

const ask = StateEffect.define<number>();

/**
 * Where Tab or Ctrl-Space last asked for completions, until this person types or moves the caret
 * (a partner's edit only moves it): the source takes a request at that spot as explicit. Typing on
 * after the ask is not explicit, as in CodeMirror ("continued completions").
 */
const askedAt = StateField.define<number | null>({
  create: () => null,
  update(at, tr) {
    for (const effect of tr.effects) if (effect.is(ask)) return effect.value;
    if (at === null || tr.selection || tr.annotation(Transaction.userEvent) !== undefined) return null;
    return tr.docChanged ? tr.changes.mapPos(at) : at;
  },
});

/**
 * Tab and Ctrl-Space: starts completion as a typed character does (an "input.type" transaction
 * that changes nothing; CodeMirror asks the source after `activateOnTypingDelay`), marking the
 * caret as explicitly asked. With a list open, CodeMirror's own `startCompletion` asks again, as
 * before. With a request pending (the key came within a frame of typing, before CodeMirror's 0 ms
 * timer asked about the typed character), CodeMirror's command would wait 50 ms more: the pending
 * request is left to run, and it now finds the caret marked as asked.
 */
const askNow: Command = (view) => {
  if (completionStatus(view.state) === "active") return startCompletion(view);
  view.dispatch({ effects: ask.of(view.state.selection.main.head), userEvent: "input.type.ask" });
  return true;
};

/** Whether the source asks Python at `pos`: explicitly asked, or typing after a dot or in an import. */
function asksAt(state: EditorState, pos: number, explicit: boolean): boolean {
  if (quiet(state, pos)) return false;
  const line = state.doc.lineAt(pos);
  return explicit || state.field(askedAt, false) === pos || AUTO_CONTEXT.test(state.sliceDoc(line.from, pos));
}

/**
 * The request made at the key itself. CodeMirror calls the source from a 0 ms timer after the
 * key's transaction, which Chromium runs only after the next frame (about 10 ms later): the
 * request is made as the transaction is applied instead, and the source takes its reply.
 */
interface EarlyAsk {
  readonly doc: Text;
  readonly pos: number;
  readonly reply: Promise<AssistCompletions>;
}
const earlyAsks = new WeakMap<EditorView, EarlyAsk>();

function askEarly(assist: () => CodeAssist | null): Extension {
  return EditorView.updateListener.of((update) => {
    const asked = update.transactions.some((tr) => tr.isUserEvent("input.type") || tr.effects.some((e) => e.is(ask)));
    if (!asked || !update.state.selection.main.empty) return;
    const { state } = update;
    const pos = state.selection.main.head;
    // An open list is filtered by CodeMirror as one types on: no request for that.
    if (completionStatus(state) === "active" || !asksAt(state, pos, false)) return;
    const kernel = assist();
    if (!kernel) return;
    earlyAsks.set(update.view, { doc: state.doc, pos, reply: kernel.complete(state.doc.toString(), pos) });
  });
}

function completionSource(assist: () => CodeAssist | null) {
  return async (context: CompletionContext): Promise<CompletionResult | null> => {
    const { state, pos, view } = context;
    if (!asksAt(state, pos, context.explicit)) return null;
    const early = view ? earlyAsks.get(view) : undefined;
    if (view) earlyAsks.delete(view);
    let reply: AssistCompletions;
    if (early && early.doc === state.doc && early.pos === pos) {
      reply = await early.reply;
    } else {
      const kernel = assist();
      if (!kernel) return null;
      reply = await kernel.complete(state.doc.toString(), pos);
    }
    if (context.aborted || reply.matches.length === 0) return null;
    const typed = state.sliceDoc(reply.from, pos);
    const options: Completion[] = reply.matches.map((m) => ({ label: m.label, type: m.kind }));
    return { from: reply.from, to: reply.to, options, validFor: typed.startsWith("_") ? ANY_WORD : PUBLIC_WORD };
  };
}

// ---- the docs tooltip (Shift-Tab) ----

const showDocs = StateEffect.define<Tooltip | null>();

const docsField = StateField.define<Tooltip | null>({
  create: () => null,
  update(tooltip, tr) {
    for (const effect of tr.effects) if (effect.is(showDocs)) return effect.value;
    if (!tooltip) return null;
    // Typing or moving away closes it, as in Jupyter; a partner's edit (no user event) moves it.
    if (tr.selection || (tr.docChanged && tr.annotation(Transaction.userEvent) !== undefined)) return null;
    return tr.docChanged ? { ...tooltip, pos: tr.changes.mapPos(tooltip.pos) } : tooltip;
  },
  provide: (field) => showTooltip.from(field),
});

function docsTooltip(pos: number, docs: AssistDocs): Tooltip {
  return {
    pos,
    above: false,
    create() {
      const dom = document.createElement("div");
      dom.className = "cm-python-docs";
      dom.setAttribute("role", "tooltip");
      dom.dataset.testid = "python-docs";
      const add = (tag: string, className: string, text: string) => {
        const el = dom.appendChild(document.createElement(tag));
        el.className = className;
        el.textContent = text;
      };
      if (docs.status === "busy") {
        add("p", "cm-python-docs-note", "Python is busy running a cell: press Shift-Tab again when it has finished.");
      } else if (docs.status === "not-found") {
        add("p", "cm-python-docs-note", "Nothing to show here: Python does not know this name yet (has its cell been run?).");
      } else {
        add("div", "cm-python-docs-signature", docs.signature ?? docs.name);
        if (docs.value !== null) add("div", "cm-python-docs-value", `${docs.typeName}: ${docs.value}`);
        else add("div", "cm-python-docs-type", docs.typeName);
        if (docs.doc) add("pre", "cm-python-docs-doc", docs.doc);
      }
      return { dom };
    },
  };
}

function inspectCommand(assist: () => CodeAssist | null): Command {
  return (view) => {
    const { main } = view.state.selection;
    const line = view.state.doc.lineAt(main.head);
    // At the start of a line (only indentation before the caret) Shift-Tab dedents, as before.
    if (!main.empty || view.state.sliceDoc(line.from, main.head).trim() === "") return false;
    const kernel = assist();
    if (!kernel) return false;
    const pos = main.head;
    const doc = view.state.doc;
    void kernel.inspect(doc.toString(), pos).then((docs) => {
      // Only if nothing moved while Python looked.
      if (view.state.doc !== doc || view.state.selection.main.head !== pos) return;
      view.dispatch({ effects: showDocs.of(docsTooltip(pos, docs)) });
    });
    return true;
  };
}

const closeDocs: Command = (view) => {
  if (!view.state.field(docsField, false)) return false;
  view.dispatch({ effects: showDocs.of(null) });
  return true;
};

/**
 * Escape closes an open list or the docs and stays in the editor; a request still pending (just
 * typed) is dropped and the Escape goes on to the notebook (leave the editor), as without one.
 */
const leaveList: Command = (view) => {
  const status = completionStatus(view.state);
  if (status === "active") return closeCompletion(view);
  if (closeDocs(view)) return true;
  if (status === "pending") closeCompletion(view);
  return false;
};

/** Tab: take the chosen completion, or ask for completions after a name or a dot; else indent. */
const tabCompletes: Command = (view) => {
  // Within CodeMirror's guard time after the list opens, the Tab is swallowed, never an indent.
  if (completionStatus(view.state) === "active") return acceptCompletion(view) || true;
  const { main } = view.state.selection;
  if (!main.empty) return false;
  const before = view.state.sliceDoc(Math.max(0, main.head - 1), main.head);
  if (!WORD_BEFORE.test(before) || quiet(view.state, main.head)) return false;
  return askNow(view);
};

/** The Python editor's code intelligence; `assist` gives this person's kernel, or null. */
export function pythonAssist(assist: () => CodeAssist | null): Extension[] {
  return [
    // In the body: each cell is paint-contained (content-visibility), which would clip them.
    ...(typeof document === "undefined" ? [] : [tooltips({ parent: document.body })]),
    autocompletion({
      override: [completionSource(assist)],
      defaultKeymap: false,
      // Ask as soon as a character is typed (see "Speed" above).
      activateOnTypingDelay: 0,
      // Many names: CodeMirror filters as one types, and draws the options near the chosen one as
      // the arrows move. Fewer drawn at once is a quicker first list.
      maxRenderedOptions: 60,
      icons: true,
    }),
    askEarly(assist),
    closeBrackets(),
    askedAt,
    docsField,
    Prec.highest(
      keymap.of([
        { key: "Tab", run: tabCompletes },
        { key: "Shift-Tab", run: inspectCommand(assist) },
        { key: "Escape", run: leaveList },
        ...completionKeymap
          .filter((binding) => binding.key !== "Escape")
          .map((binding) => (binding.run === startCompletion ? { ...binding, run: askNow } : binding)),
        ...closeBracketsKeymap,
      ]),
    ),
    EditorView.domEventHandlers({
      blur(event, view) {
        const to = event.relatedTarget;
        if (!(to instanceof Node && view.dom.contains(to))) closeDocs(view);
      },
    }),
  ];
}
