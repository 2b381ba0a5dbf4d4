/**
 * One tab stop per cell, as a roving tabindex: in command mode Tab reaches the notebook's current
 * cell (the selected one, or the first), then that cell's own controls (its toolbar, outputs,
 * comments); every other cell's controls are out of the tab order, so a notebook of fifty cells
 * is not five hundred Tab presses long. Arrow keys and J/K move between the cells themselves
 * (notebook-keys.ts).
 *
 * Much of what a cell can focus is HTML it does not build element by element (links in rendered
 * markdown and outputs, sandboxed output frames, a scrolled output box, comment forms, input()
 * fields), so this works on the cell's DOM rather than through props: while a cell is not
 * `tabbable`, every focusable element in it gets tabindex -1 (what it had is kept in
 * `data-roving-tabindex`) and a MutationObserver does the same to elements that appear later;
 * when it becomes tabbable again, each gets back what it had. Elements inside `[data-own-tab-stops]`
 * (the cell's toolbar, which roves by itself: use-roving-toolbar.ts) are left to their owner.
 * A click still focuses anything: tabindex -1 only leaves the sequential order.
 */
import { useEffect, type RefObject } from "react";

const FOCUSABLE = [
  "a[href]",
  "area[href]",
  "button",
  "input:not([type='hidden'])",
  "select",
  "textarea",
  "iframe",
  "summary",
  "audio[controls]",
  "video[controls]",
  "[contenteditable]:not([contenteditable='false'])",
  "[tabindex]",
].join(", ");
const KEPT = "data-roving-tabindex";
const OWNED = "[data-own-tab-stops]";

function demoteOne(element: Element, root: Element): void {
  if (element === root || !element.matches(FOCUSABLE) || element.closest(OWNED)) return;
  const now = element.getAttribute("tabindex");
  if (now !== null && Number(now) < 0) return;
  element.setAttribute(KEPT, now ?? "");
  element.setAttribute("tabindex", "-1");
}

function demoteTree(node: Element, root: Element): void {
  demoteOne(node, root);
  for (const element of node.querySelectorAll(FOCUSABLE)) demoteOne(element, root);
}

function restore(root: Element): void {
  for (const element of root.querySelectorAll(`[${KEPT}]`)) {
    const kept = element.getAttribute(KEPT);
    element.removeAttribute(KEPT);
    if (kept) element.setAttribute("tabindex", kept);
    else element.removeAttribute("tabindex");
  }
}

/**
 * Takes every focusable element inside `root` (not `root` itself) out of the tab order, now and as
 * they appear, until the returned function is called: it puts each back as it was. Safe to call
 * the returned function twice.
 */
export function holdOutOfTabOrder(root: HTMLElement): () => void {
  demoteTree(root, root);
  // New content (an output arriving, markdown re-rendered, a comment form opened) or a tabindex
  // set by React while the cell is out of the order goes out of the order too.
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === "attributes") {
        if (record.target instanceof Element) demoteOne(record.target, root);
        continue;
      }
      for (const node of record.addedNodes) if (node instanceof Element) demoteTree(node, root);
    }
  });
  observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ["tabindex", "href", "contenteditable"] });
  return () => {
    observer.disconnect();
    restore(root);
  };
}

/**
 * Keeps the focusable elements inside `ref` (the cell) in the tab order only while `tabbable`.
 * The cell element itself is the caller's: it sets its own tabIndex (0 for the notebook's tab
 * stop, -1 otherwise).
 */
export function useCellTabStops(ref: RefObject<HTMLElement | null>, tabbable: boolean): void {
  useEffect(() => {
    const root = ref.current;
    if (!root || tabbable) return;
    return holdOutOfTabOrder(root);
  }, [ref, tabbable]);
}
