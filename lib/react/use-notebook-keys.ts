/**
 * Command-mode keys for the whole page, read from the binding table (notebook-keys.ts). Edit-mode
 * keys are handled inside the editors (their keymap comes from the same table), so this ignores
 * keys typed into an editor, a form field, a button or a dialog.
 */
import { useEffect, type RefObject } from "react";
import { keyName, matchKey, NO_SEQUENCE, type SequenceState } from "./notebook-keys";
import type { NotebookActions } from "./use-notebook-controller";

const INTERACTIVE = "input, textarea, select, button, a[href], [contenteditable='true'], .cm-editor, [role='dialog']";

/** Whether a key pressed with focus on `target` is meant for the notebook's command mode. */
function forNotebook(target: EventTarget | null, container: HTMLElement | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target === document.body || target === document.documentElement) return true;
  if (!container?.contains(target)) return false;
  return target.closest(INTERACTIVE) === null;
}

export function isMac(): boolean {
  return typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
}

export function useNotebookKeys(actions: NotebookActions, container: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const mac = isMac();
    let sequence: SequenceState = NO_SEQUENCE;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || !forNotebook(event.target, container.current)) return;
      const name = keyName(event, mac);
      if (name === null) return;
      const match = matchKey(name, "command", sequence, Date.now());
      sequence = match.state;
      if (!match.handled) return;
      event.preventDefault();
      if (match.action) actions.perform(match.action);
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [actions, container]);
}
