"use client";

import { initials, type Participant } from "@/lib/react/use-participants";
import { textOn } from "@/lib/ui/contrast";

/** Everyone in the notebook, with their colour; "you" first, and (for a guest) a click renames you. */
export function Participants({ participants, onRename }: { participants: readonly Participant[]; onRename: (() => void) | null }) {
  return (
    <ul className="participants" aria-label="People in this notebook" data-testid="participants">
      {participants.map((p) => (
        <li key={p.clientId} className={`participant${p.isLocal ? " is-you" : ""}`} data-testid="participant">
          {p.isLocal && onRename ? (
            <button type="button" className="participant-chip" onClick={onRename} title="Change your name">
              <span className="avatar" style={{ backgroundColor: p.color, color: textOn(p.color) }} aria-hidden>
                {initials(p.name)}
              </span>
              <span className="participant-name">{p.name}</span>{" "}
              <span className="participant-you">(you)</span>
            </button>
          ) : (
            <span className="participant-chip" title={p.name}>
              <span className="avatar" style={{ backgroundColor: p.color, color: textOn(p.color) }} aria-hidden>
                {initials(p.name)}
              </span>
              <span className="participant-name">{p.name}</span>
              {p.role === "teacher" ? (
                <>
                  {" "}
                  <span className="participant-role" data-testid="participant-teacher">
                    teacher
                  </span>
                </>
              ) : null}
              {p.isLocal ? (
                <>
                  {" "}
                  <span className="participant-you">(you)</span>
                </>
              ) : null}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
