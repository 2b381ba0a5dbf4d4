"use client";

import { useEffect, useId, useRef, useState, type FocusEvent, type ReactNode } from "react";
import { usePathname } from "next/navigation";

interface Props {
  /** The box around the button and the panel (a dropdown's anchor, or no box at all). */
  className: string;
  /** The button's name: its text, or (with `icon`) its accessible name only. */
  label: string;
  /** Shown instead of the label. */
  icon?: ReactNode;
  toggleClassName: string;
  panelClassName: string;
  /** A menu of actions: pressing one of its buttons closes the panel too. */
  closeOnPress?: boolean;
  children: ReactNode;
}

/**
 * A disclosure for a narrow screen: a button (aria-expanded) and the panel it opens. Where there
 * is room, the stylesheet hides the button and lays the panel's contents out in their parent's row
 * (small-screens.css: the site header's menu, a notebook's "More"), so none of this runs there.
 *
 * The panel closes on Escape (the focus goes back to the button), on a press outside it, when the
 * focus moves out of it with Tab, and when a link in it leads to another page. It follows the
 * button in the DOM, so Tab from the open button goes straight into it.
 */
export function Disclosure({ className, label, icon, toggleClassName, panelClassName, closeOnPress = false, children }: Props) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const id = useId();
  const pathname = usePathname();
  // A followed link closes it (React's "adjust state when a prop changes", not an effect).
  const [shownAt, setShownAt] = useState(pathname);
  if (shownAt !== pathname) {
    setShownAt(pathname);
    setOpen(false);
  }

  useEffect(() => {
    if (!open) return;
    const inside = (target: EventTarget | null) => target instanceof Node && (button.current?.contains(target) || panel.current?.contains(target));
    const onPointerDown = (event: PointerEvent) => {
      if (!inside(event.target)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [open]);

  const onBlur = (event: FocusEvent) => {
    // Tabbed out (a press outside is the pointer handler's: it has no related target).
    const next = event.relatedTarget;
    if (open && next instanceof Node && !button.current?.contains(next) && !panel.current?.contains(next)) setOpen(false);
  };

  return (
    <div className={className}>
      <button
        ref={button}
        type="button"
        className={toggleClassName}
        aria-label={icon ? label : undefined}
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
        onBlur={onBlur}
      >
        {icon ?? label}
      </button>
      <div ref={panel} id={id} className={panelClassName} data-open={open ? "true" : undefined}
        onBlur={onBlur}
        onClick={closeOnPress ? (event) => (event.target as Element).closest("button") && setOpen(false) : undefined}
      >
        {children}
      </div>
    </div>
  );
}
