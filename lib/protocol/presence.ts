/**
 * Who a participant is, as the collaboration server and the browser both know them: the `user`
 * field of a presence (awareness) state (lib/sync/presence.ts documents the whole state), the
 * palette its colour comes from and how a typed name is tidied. The server sets a signed-in
 * person's colour and name with these (lib/server/auth/auth.ts) and stamps the teacher label
 * (lib/server/collab/room.ts); the browser applies the same rules to guests. Imports nothing, so
 * that neither side imports the other (docs/adr/0002-import-boundaries.md).
 */
export interface PresenceUser {
  readonly name: string;
  /** A "#rrggbb" colour; y-codemirror.next appends an alpha byte for selections. */
  readonly color: string;
  readonly role?: "teacher";
}

/** Distinct, white text on each at 4.5:1 or more (lib/ui/contrast.test.ts), and not the accent blue of the local selection. */
export const PRESENCE_COLORS = [
  "#c2410c",
  "#2b7a3b",
  "#ae3ec9",
  "#c2255c",
  "#0b7a8c",
  "#a85600",
  "#5f3dc4",
  "#0b7285",
  "#a61e4d",
  "#4b7a0b",
  "#862e9c",
  "#8d5524",
] as const;

/** The longest display name, in code points: longer ones are clipped. */
export const MAX_NAME_LENGTH = 40;

/** A stable colour for a stable id (FNV-1a hash into the palette). */
export function colorForId(id: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return PRESENCE_COLORS[(hash >>> 0) % PRESENCE_COLORS.length]!;
}

/** A name as typed, tidied: spaces collapsed, clipped; null when nothing is left. */
export function normalizeName(input: string): string | null {
  const name = input.replace(/\s+/g, " ").trim();
  if (!name) return null;
  return [...name].slice(0, MAX_NAME_LENGTH).join("");
}
