/**
 * A toolbar with one tab stop, as WAI-ARIA's toolbar pattern has it: Tab reaches one of its
 * controls (the last one used, the first at first), ← and → move along it, Home and End go to its
 * ends. With `tabbable` false not even that one is in the tab order (the toolbar of a cell that is
 * not the notebook's tab stop: use-cell-tab-stops.ts, which leaves the toolbar to this hook).
 *
 * The toolbar renders its controls with tabIndex -1; this gives the current one tabindex 0 on the
 * DOM after every render (controls come and go and are disabled as the cell changes: a markdown
 * cell has no Run), so a toolbar out of the tab order, as all but one in a notebook are, costs no
 * DOM writes at all.
 */
import { useCallback, useLayoutEffect, useRef, type FocusEvent, type KeyboardEvent, type RefObject } from "react";

/** The toolbar's own controls: its buttons, selects and inputs, and a menu's button one level down (not the menu's items). */
const ITEMS = ":scope > button, :scope > select, :scope > input, :scope > * > button";

function items(toolbar: HTMLElement): HTMLElement[] {
  return [...toolbar.querySelectorAll<HTMLElement>(ITEMS)].filter((item) => !(item as HTMLButtonElement).disabled);
}

export interface RovingToolbar {
  onKeyDown(event: KeyboardEvent<HTMLElement>): void;
  onFocus(event: FocusEvent<HTMLElement>): void;
}

export function useRovingToolbar(ref: RefObject<HTMLElement | null>, tabbable: boolean): RovingToolbar {
  const current = useRef<HTMLElement | null>(null);
  /** The control this hook gave tabindex 0, if any: the only one that is not as React rendered it. */
  const raised = useRef<HTMLElement | null>(null);

  const apply = useCallback(() => {
    const toolbar = ref.current;
    if (!toolbar) return;
    if (!tabbable) {
      // Out of the tab order, as every toolbar but one in a notebook: nothing to look at.
      raised.current?.setAttribute("tabindex", "-1");
      raised.current = null;
      return;
    }
    const list = items(toolbar);
    if (!current.current || !list.includes(current.current)) current.current = list[0] ?? null;
    for (const item of list) {
      const wanted = item === current.current ? "0" : "-1";
      if (item.getAttribute("tabindex") !== wanted) item.setAttribute("tabindex", wanted);
    }
    raised.current = current.current;
  }, [ref, tabbable]);

  // After every render: a control may have appeared, gone or been disabled.
  useLayoutEffect(apply);

  const onFocus = useCallback(
    (event: FocusEvent<HTMLElement>) => {
      const toolbar = ref.current;
      if (!toolbar || !items(toolbar).includes(event.target)) return;
      current.current = event.target;
      apply();
    },
    [ref, apply],
  );

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      const toolbar = ref.current;
      if (!toolbar || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const list = items(toolbar);
      const at = list.indexOf(event.target as HTMLElement);
      if (at < 0) return; // inside an open menu: its own keys
      const next =
        event.key === "ArrowRight" ? list[(at + 1) % list.length]
        : event.key === "ArrowLeft" ? list[(at - 1 + list.length) % list.length]
        : event.key === "Home" ? list[0]
        : event.key === "End" ? list[list.length - 1]
        : undefined;
      if (!next) return;
      // A select would change its value on ← →; in a toolbar they move between the controls.
      event.preventDefault();
      current.current = next;
      apply();
      next.focus();
    },
    [ref, apply],
  );

  return { onKeyDown, onFocus };
}
