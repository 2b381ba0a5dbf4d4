/**
 * Branded ids: the one place that creates and parses them. Cell ids follow nbformat 4.5
 * (1-64 characters of [a-zA-Z0-9-_]) so a notebook exports without renaming its cells.
 */
export type CellId = string & { readonly __brand: "CellId" };

const CELL_ID = /^[a-zA-Z0-9-_]{1,64}$/;
const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/** A new random cell id: 12 characters of [0-9a-z], about 62 bits. */
export function newCellId(): CellId {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  let id = "";
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return id as CellId;
}

export function isCellId(value: unknown): value is CellId {
  return typeof value === "string" && CELL_ID.test(value);
}

/** Parses a cell id, throwing with the offending value when it is not one. */
export function parseCellId(value: unknown): CellId {
  if (!isCellId(value)) throw new Error(`Invalid cell id ${JSON.stringify(value)} (expected 1-64 of [a-zA-Z0-9-_])`);
  return value;
}
