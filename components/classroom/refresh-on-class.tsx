"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Changes that arrive together (a grade of 30 hand-ins) render the page once per this long. */
const SETTLE_MS = 300;

/**
 * Renders the class page again when something in the class changes (a hand-in, a return, a grade:
 * GET /api/classes/<id>/events), so the teacher's grid and a student's list are live. EventSource
 * reconnects on its own after a network blip or a server restart.
 */
export function RefreshOnClass({ classId }: { classId: string }) {
  const router = useRouter();
  useEffect(() => {
    const events = new EventSource(`/api/classes/${classId}/events`);
    let timer: ReturnType<typeof setTimeout> | null = null;
    events.addEventListener("change", () => {
      if (timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        router.refresh();
      }, SETTLE_MS);
    });
    return () => {
      events.close();
      if (timer !== null) clearTimeout(timer);
    };
  }, [classId, router]);
  return null;
}
