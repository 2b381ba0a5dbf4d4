import type { Participant } from "@/lib/react/use-participants";
import { textOn } from "@/lib/ui/contrast";

/** Name tags of the other people in this cell, in their colours. */
export function CellPeers({ peers }: { peers: readonly Participant[] }) {
  if (peers.length === 0) return null;
  return (
    <ul className="cell-peers" aria-label="Also in this cell">
      {peers.map((p) => (
        <li key={p.clientId} className="peer-tag" style={{ backgroundColor: p.color, color: textOn(p.color) }} data-testid="cell-peer">
          {p.name}
        </li>
      ))}
    </ul>
  );
}
