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

/**
 * A cell id derived from `seed` (a cell's place and content in an imported file that gave it no
 * id): the same file always gets the same ids, so two imports of it export alike. 12 characters of
 * [0-9a-z] from a 64-bit FNV-1a hash of the seed's UTF-16 units, like newCellId's.
 */
export function derivedCellId(seed: string): CellId {
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < seed.length; i++) hash = ((hash ^ BigInt(seed.charCodeAt(i))) * 0x100000001b3n) & 0xffffffffffffffffn;
  let id = "";
  for (let i = 0; i < 12; i++) {
    id += ALPHABET[Number(hash % 36n)];
    hash /= 36n;
  }
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
