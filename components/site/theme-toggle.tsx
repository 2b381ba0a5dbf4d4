"use client";

import { useSyncExternalStore } from "react";
import { MoonIcon, SunIcon } from "@/components/ui/icons";
import { chooseTheme, currentTheme, subscribeTheme, type Theme } from "@/lib/ui/theme";

/** The header's light / dark switch: a toggle button, pressed when the page is dark. */
export function ThemeToggle() {
  // The server cannot know the theme (it is this browser's): null there, settled on hydration.
  const theme = useSyncExternalStore<Theme | null>(subscribeTheme, currentTheme, () => null);
  const dark = theme === "dark";
  return (
    <button
      type="button"
      className="icon-button theme-toggle"
      aria-label="Dark theme"
      aria-pressed={theme === null ? undefined : dark}
      title={dark ? "Dark theme (on): switch to light" : "Dark theme (off): switch to dark"}
      onClick={() => chooseTheme(currentTheme() === "dark" ? "light" : "dark")}
    >
      {dark ? <SunIcon /> : <MoonIcon />}
    </button>
  );
}
