/**
 * Where copied cells are kept, so that C in one notebook and V in another (or in another tab)
 * work: this browser's localStorage, shared by every tab of the site, with a copy in memory for
 * when storage is refused or full. Like JupyterLab's cell clipboard, it is the app's own: V never
 * needs the browser's permission to read the system clipboard. The system clipboard gets the
 * cells' sources as plain text (and the payload under Tandem's MIME type where the browser allows
 * custom formats), so Ctrl-V in an editor or another program pastes the code.
 *
 * Each person's clipboard is their own browser's: a partner's copy never lands in mine.
 */
import { CLIPBOARD_MIME, clipboardText, parseClipboard, type ClipboardPayload } from "../notebook/clipboard";
import type { NewCellInput } from "../notebook/commands";

const KEY = "tandem.cellClipboard";
let memory: string | null = null;

/** Keeps `payload` as the cell clipboard (and its text on the system clipboard, best effort). */
export function writeCellClipboard(payload: ClipboardPayload): void {
  const json = JSON.stringify(payload);
  memory = json;
  try {
    localStorage.setItem(KEY, json);
  } catch {
    // Full (outputs with big images) or refused: this page's memory keeps it.
    try {
      localStorage.removeItem(KEY);
    } catch {
      // Refused altogether.
    }
  }
  void toSystemClipboard(payload, json);
}

async function toSystemClipboard(payload: ClipboardPayload, json: string): Promise<void> {
  const text = clipboardText(payload);
  const clipboard = typeof navigator === "undefined" ? undefined : navigator.clipboard;
  if (!clipboard) return;
  try {
    await clipboard.write([
      new ClipboardItem({
        "text/plain": new Blob([text], { type: "text/plain" }),
        [`web ${CLIPBOARD_MIME}`]: new Blob([json], { type: CLIPBOARD_MIME }),
      }),
    ]);
  } catch {
    // Custom formats unsupported, or no permission: the text alone, else nothing.
    await clipboard.writeText(text).catch(() => undefined);
  }
}

/** The cells on the cell clipboard, or null when there are none. */
export function readCellClipboard(): NewCellInput[] | null {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(KEY);
  } catch {
    // Refused: memory only.
  }
  return parseClipboard(stored ?? memory);
}
