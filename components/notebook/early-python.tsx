"use client";

import { useEffect } from "react";
import { startEarlyKernel } from "@/lib/kernel/early";

/**
 * Starts this page's Python as soon as the page has hydrated, before the notebook's session has
 * opened (lib/kernel/early.ts); the notebook's kernel client adopts it.
 */
export function EarlyPython({ packageBaseUrl }: { packageBaseUrl: string | null }) {
  useEffect(() => startEarlyKernel(packageBaseUrl), [packageBaseUrl]);
  return null;
}
