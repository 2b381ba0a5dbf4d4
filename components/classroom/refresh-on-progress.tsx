"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { progressChanged } from "@/lib/sync/notebook-signals";

/**
 * Renders the page's facts again when the server says the copy was handed in, taken back or
 * returned (MESSAGE_PROGRESS_CHANGED over the notebook's connection), so the assignment bar of every
 * open page on the copy (the student's, a teacher's) shows the new status and note at once.
 */
export function RefreshOnProgress({ notebookId }: { notebookId: string }) {
  const router = useRouter();
  useEffect(() => progressChanged.on(notebookId, () => router.refresh()), [notebookId, router]);
  return null;
}
