/** JSON values as stored in notebook metadata and outputs. */
export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Far past any real value (file imports stop at 100 levels: nbformat/limits.ts); reaching it means
 * a cycle, which JSON.stringify would refuse too.
 */
const MAX_COPY_DEPTH = 1_000_000;

type Container = JsonValue[] | JsonObject;
interface Frame {
  source: object;
  target: Container;
  depth: number;
}

/** One value as JSON.stringify sees it: toJSON applied, non-finite numbers null, the unsayable undefined. */
function leaf(value: unknown, key: string, frames: Frame[], depth: number): JsonValue | undefined {
  const seen =
    typeof value === "object" && value !== null && typeof (value as { toJSON?: unknown }).toJSON === "function"
      ? ((value as { toJSON(key: string): unknown }).toJSON(key) as unknown)
      : value;
  if (seen === null || typeof seen === "string" || typeof seen === "boolean") return seen;
  if (typeof seen === "number") return Number.isFinite(seen) ? seen : null;
  if (typeof seen !== "object") return undefined;
  if (depth > MAX_COPY_DEPTH) throw new Error(`cloneJson: nested deeper than ${MAX_COPY_DEPTH} levels (is the value cyclic?)`);
  const target: Container = Array.isArray(seen) ? [] : {};
  frames.push({ source: seen, target, depth });
  return target;
}

/**
 * A deep copy with JSON's rules (drops undefined and functions, non-finite numbers become null,
 * toJSON is honoured), detached from any shared structure. Iterative rather than a JSON round trip:
 * JSON.stringify recurses, and overflows the stack on values a few thousand levels deep.
 */
export function cloneJson<T extends JsonValue>(value: T): T {
  const frames: Frame[] = [];
  const root = leaf(value, "", frames, 1);
  for (let frame = frames.pop(); frame; frame = frames.pop()) {
    const { source, target, depth } = frame;
    if (Array.isArray(target)) {
      for (const [index, item] of (source as unknown[]).entries()) target.push(leaf(item, String(index), frames, depth + 1) ?? null);
      continue;
    }
    for (const [key, item] of Object.entries(source)) {
      const copy = leaf(item, key, frames, depth + 1);
      if (copy === undefined) continue;
      // JSON.parse makes "__proto__" an own key; plain assignment would set the prototype instead.
      if (key === "__proto__") Object.defineProperty(target, key, { value: copy, enumerable: true, writable: true, configurable: true });
      else target[key] = copy;
    }
  }
  return root as T;
}
