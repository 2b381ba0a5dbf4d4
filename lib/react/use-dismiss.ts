"use client";

import { useEffect, type RefObject } from "react";

/**
 * Closes an open popup menu on a press outside `box` or on Escape. Escape is caught in the capture
 * phase and stopped, so the notebook's own keys (Escape leaves edit mode) never see it: the menu
 * closes and the notebook stays in its mode. (Disclosure hands the focus back to its button
 * instead; components/ui/disclosure.tsx.)
 */
export function useDismiss(open: boolean, close: () => void, box: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!box.current?.contains(e.target as Node)) close();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      e.preventDefault();
      e.stopPropagation();
      close();
    };
    document.addEventListener("pointerdown", onDown);
    document.addEventListener("keydown", onKey, true);
    return () => {
      document.removeEventListener("pointerdown", onDown);
      document.removeEventListener("keydown", onKey, true);
    };
  }, [open, close, box]);
}
