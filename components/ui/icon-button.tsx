"use client";

import type { ReactNode } from "react";

interface Props {
  label: string;
  /** Shown after the label in the tooltip, e.g. the keyboard shortcut. */
  hint?: string;
  onClick: () => void;
  disabled?: boolean;
  children: ReactNode;
  /** Keep the focus where it is (in an editor) when clicked. */
  keepFocus?: boolean;
  className?: string;
  /** -1 in a toolbar that keeps one tab stop of its own (lib/react/use-roving-toolbar.ts). */
  tabIndex?: number;
}

/** A square button with an icon; its label is its accessible name and tooltip. */
export function IconButton({ label, hint, onClick, disabled, children, keepFocus = true, className, tabIndex }: Props) {
  return (
    <button
      type="button"
      className={`icon-button${className ? ` ${className}` : ""}`}
      aria-label={label}
      title={hint ? `${label} (${hint})` : label}
      disabled={disabled}
      tabIndex={tabIndex}
      onMouseDown={keepFocus ? (e) => e.preventDefault() : undefined}
      onClick={onClick}
    >
      {children}
    </button>
  );
}
