"use client";

import { describeStatus, type ConnectionStatus as Status } from "@/lib/react/use-notebook-session";

/** "Connected", "Reconnecting…", "Offline — 3 unsent changes", as a small coloured pill. */
export function ConnectionStatus({ status }: { status: Status }) {
  const text = describeStatus(status);
  return (
    <span
      className={`connection connection-${status.state}`}
      role="status"
      aria-live="polite"
      data-testid="connection-status"
      data-state={status.state}
      data-unsent={status.unsent}
      title={
        status.state === "connected"
          ? "Your changes reach the others as you type."
          : "Keep typing: changes are saved in this browser and sent when the connection returns."
      }
    >
      <span className="connection-dot" aria-hidden />
      <span className="connection-text">{text}</span>
    </span>
  );
}
