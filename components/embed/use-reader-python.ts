"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type * as Y from "yjs";
import { createRunner } from "@/lib/kernel/runner";
import { createEmbedKernel } from "@/lib/embed/embed-kernel";
import type { Python } from "@/lib/react/use-kernel";

/** Who "ran this" is for a reader: themselves, on their own page. */
export const READER = { name: "You", color: "#1d4ed8" };

/**
 * A reader's Python for a document of their own (an embed's, a lesson page's): none until the
 * first run asks for it, then one kernel and runner writing into that document, disposed with the
 * page. A ref as well as state, so that two quick clicks never start two Pythons. `packageBaseUrl`
 * is the server's package source, as the notebook page has it (null: packages off).
 */
export function useReaderPython(
  doc: Y.Doc,
  packageBaseUrl: string | null,
  sharedKernel: string | null = null,
): { python: Python | null; ensure: () => Python } {
  const [python, setPython] = useState<Python | null>(null);
  const made = useRef<Python | null>(null);
  const ensure = useCallback((): Python => {
    if (made.current) return made.current;
    const kernel = createEmbedKernel(sharedKernel, packageBaseUrl);
    made.current = { kernel, runner: createRunner({ doc, kernel, user: () => READER }), assist: null };
    setPython(made.current);
    return made.current;
  }, [doc, sharedKernel, packageBaseUrl]);
  useEffect(
    () => () => {
      made.current?.runner.dispose();
      made.current?.kernel.dispose();
    },
    [],
  );
  return { python, ensure };
}
