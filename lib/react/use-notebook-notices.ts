/**
 * Notices about the notebook changing under a person's feet, shown under the notebook bar
 * (components/notebook/notebook-notices.tsx):
 *
 * - The cell I am editing was deleted by someone else: who did it, and "Bring it back", which puts
 *   the cell back where it was, with its id, type, metadata and its text as I last saw it (my own
 *   typing up to that moment included).
 * - My undo kept a cell because someone else has typed in it (lib/notebook/undo.ts): which cell,
 *   and who.
 *
 * Names come from presence: a Yjs client id is a tab, and its awareness state names the person.
 * For a deletion it is whoever had the cell selected (Yjs keeps no deleter); "Someone" otherwise.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type * as Y from "yjs";
import type { Awareness } from "y-protocols/awareness";
import { insertCell } from "../notebook/commands";
import type { CellId } from "../notebook/ids";
import { cellOrder } from "../notebook/selectors";
import { cellSourceText, cellsMap, getCellMap, readCellMetadata, readCellType, type CellType } from "../notebook/schema";
import { otherWriters } from "../notebook/writers";
import type { JsonObject } from "../util/json";
import type { NotebookSession } from "../sync/session";
import { readPeers } from "../sync/presence";

export interface NotebookNotice {
  readonly key: number;
  readonly text: string;
  readonly action?: { readonly label: string; run(): void };
}

/** What the cell being edited looked like after the last change that left it in place. */
interface LastSeen {
  readonly id: CellId;
  readonly index: number;
  readonly type: CellType;
  readonly source: string;
  readonly metadata: JsonObject;
}

/** "Ada", "Ada and Grace", "Someone": the people behind Yjs client ids, by presence. */
export function namesOf(awareness: Awareness, clients: Iterable<number>): string {
  const peers = readPeers(awareness.getStates(), awareness.clientID);
  const names = [...new Set([...clients].map((c) => peers.find((p) => p.clientId === c)?.name ?? null))];
  const known = names.filter((n): n is string => n !== null);
  if (known.length === 0) return "Someone";
  return known.length === 1 ? known[0]! : `${known.slice(0, -1).join(", ")} and ${known[known.length - 1]}`;
}

export interface NoticeControls {
  readonly notices: readonly NotebookNotice[];
  dismiss(key: number): void;
}

export function useNotebookNotices(session: NotebookSession, editing: CellId | null): NoticeControls {
  const { doc, awareness, origin, undo } = session;
  const [notices, setNotices] = useState<readonly NotebookNotice[]>([]);
  const nextKey = useRef(0);
  const push = useCallback((text: string, action?: NotebookNotice["action"]) => {
    const key = ++nextKey.current;
    // The newest three: a notice is a note, not a log.
    setNotices((all) => [...all, { key, text, ...(action ? { action } : {}) }].slice(-3));
    return key;
  }, []);
  const dismiss = useCallback((key: number) => setNotices((all) => all.filter((n) => n.key !== key)), []);

  useEffect(() => {
    if (editing === null) return;
    const read = (): LastSeen | null => {
      const cell = getCellMap(doc, editing);
      if (!cell) return null;
      return { id: editing, index: cellOrder(doc).indexOf(editing), type: readCellType(cell), source: cellSourceText(cell).toString(), metadata: readCellMetadata(cell) };
    };
    let last = read();
    const afterTransaction = (tr: Y.Transaction) => {
      if (last === null) return;
      if (cellsMap(doc).has(last.id)) {
        last = read();
        return;
      }
      const gone = last;
      last = null;
      if (tr.local) return;
      // Yjs does not record who deleted an item. The deleter had the cell selected to delete it,
      // and their presence still says so when the deletion arrives (it moves on just after).
      const there = readPeers(awareness.getStates(), awareness.clientID).filter((p) => !p.isLocal && p.cellId === gone.id);
      const who = namesOf(awareness, there.map((p) => p.clientId));
      const key = push(`${who} deleted the cell you were editing.`, {
        label: "Bring it back",
        run: () => {
          if (!cellsMap(doc).has(gone.id)) insertCell(doc, { id: gone.id, type: gone.type, source: gone.source, metadata: gone.metadata, at: gone.index }, origin);
          dismiss(key);
        },
      });
    };
    doc.on("afterTransaction", afterTransaction);
    return () => doc.off("afterTransaction", afterTransaction);
  }, [doc, awareness, origin, editing, push, dismiss]);

  useEffect(
    () =>
      undo.onKept((ids) => {
        for (const id of ids) {
          const cell = getCellMap(doc, id);
          if (!cell) continue;
          const who = namesOf(awareness, otherWriters(cellSourceText(cell), doc.clientID));
          push(`Undo kept cell ${cellOrder(doc).indexOf(id) + 1}: ${who} has typed in it.`);
        }
      }),
    [doc, awareness, undo, push],
  );

  return { notices, dismiss };
}
