"use client";

import { useEffect, type RefObject } from "react";

const MARK = "data-scroll-stop";

/** `element` scrolls sideways: its content is wider than its box. */
const overflows = (element: Element) => element.scrollWidth > element.clientWidth + 1;

function mark(element: Element): void {
  const wide = overflows(element);
  const marked = element.hasAttribute(MARK);
  if (wide && !marked && !element.hasAttribute("tabindex")) {
    element.setAttribute(MARK, "");
    element.setAttribute("tabindex", "0");
  } else if (!wide && marked) {
    element.removeAttribute(MARK);
    element.removeAttribute("tabindex");
  }
}

/** Gives `root`, and each code block in it, a tab stop while it scrolls sideways (and takes back only what it gave). */
export function markScrollRegions(root: Element): void {
  mark(root);
  for (const pre of root.querySelectorAll("pre")) mark(pre);
}

/**
 * A box of rendered markdown (or a code block in it) that scrolls sideways, because a table or a
 * line of code is wider than the screen, is a scroll region a keyboard must be able to reach
 * (WCAG 2.1.1; axe's scrollable-region-focusable): while it overflows, it takes a tab stop of its
 * own so the arrow keys can scroll it. Checked when `html` changes and when the box is resized
 * (a phone turned, a panel opened). A cell out of the notebook's tab order keeps it out
 * (use-cell-tab-stops.ts watches tabindex).
 */
export function useScrollableFocus(ref: RefObject<HTMLElement | null>, html: string): void {
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const check = () => markScrollRegions(root);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(root);
    return () => observer.disconnect();
  }, [ref, html]);
}
