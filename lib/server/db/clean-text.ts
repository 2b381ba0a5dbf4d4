/**
 * Text both databases store the same way. PostgreSQL refuses U+0000 in text columns (error 22021)
 * and both U+0000 and unpaired UTF-16 surrogates in jsonb (22P05), so a title, a name or a
 * notebook's cells holding one answered 500 there; SQLite takes them, and reads an unpaired
 * surrogate back as three U+FFFD. Every query's arguments are cleaned here, once, before either
 * database sees them: U+0000 is dropped, an unpaired surrogate becomes U+FFFD (what
 * String.prototype.toWellFormed does, and what PostgreSQL makes of one in a text column).
 *
 * Why in the client rather than at each route: the text comes in through a dozen routes, server
 * actions and better-auth (names, on the same client), and any new field would need remembering.
 * Where clauses are cleaned too, so that looking up a value with a NUL finds what writing it
 * stored, rather than failing on PostgreSQL. Yjs bytes (Uint8Array) are never touched: the
 * document is the truth, and only its JSON copies (cells, for search and lists) are cleaned.
 *
 * The walk is iterative (Json values can nest deep) and, in the usual case of nothing to clean,
 * allocates nothing but its stack: two native scans per string.
 */

// ES2024's well-formedness methods (Node 20 has them; the project's TypeScript lib is ES2023).
// Native, they are an order of magnitude faster than a regex over the same text.
type WellFormed = { isWellFormed(): boolean; toWellFormed(): string };

function unclean(text: string): boolean {
  return text.includes("\0") || !(text as unknown as WellFormed).isWellFormed();
}

/** `text` with U+0000 dropped and unpaired surrogates replaced by U+FFFD. */
export function cleanString(text: string): string {
  return unclean(text) ? (text.replaceAll("\0", "") as unknown as WellFormed).toWellFormed() : text;
}

type Container = unknown[] | Record<string, unknown>;

/** Arrays and plain objects: what query arguments and Json values are made of. Class instances
 * (Uint8Array, Date, Decimal, Prisma's JsonNull) are values and stay as they are. */
function containerOf(value: unknown): Container | null {
  if (typeof value !== "object" || value === null) return null;
  if (Array.isArray(value)) return value;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null ? (value as Record<string, unknown>) : null;
}

function needsCleaning(value: unknown): boolean {
  if (typeof value === "string") return unclean(value);
  const stack: Container[] = [];
  const root = containerOf(value);
  if (root) stack.push(root);
  const visit = (child: unknown): boolean => {
    if (typeof child === "string") return unclean(child);
    const inner = containerOf(child);
    if (inner) stack.push(inner);
    return false;
  };
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (Array.isArray(node)) {
      for (const child of node) if (visit(child)) return true;
      continue;
    }
    for (const key in node) if (unclean(key) || visit(node[key])) return true;
  }
  return false;
}

interface Frame {
  source: Container;
  target: Container;
}

function copyCleaned(value: unknown): unknown {
  const frames: Frame[] = [];
  const copy = (item: unknown): unknown => {
    if (typeof item === "string") return cleanString(item);
    const source = containerOf(item);
    if (!source) return item;
    const target: Container = Array.isArray(source) ? [] : Object.getPrototypeOf(source) === null ? Object.create(null) : {};
    frames.push({ source, target });
    return target;
  };
  const root = copy(value);
  for (let frame = frames.pop(); frame; frame = frames.pop()) {
    const { source, target } = frame;
    if (Array.isArray(source)) {
      for (const item of source) (target as unknown[]).push(copy(item));
      continue;
    }
    for (const [key, item] of Object.entries(source)) {
      // defineProperty: a "__proto__" key (JSON.parse makes one) must stay a key, not set the prototype.
      Object.defineProperty(target, cleanString(key), { value: copy(item), enumerable: true, writable: true, configurable: true });
    }
  }
  return root;
}

/**
 * `value` with every string in it (keys included) cleaned, through arrays and plain objects at any
 * depth; `value` itself when there is nothing to clean. Never changes `value`.
 */
export function cleanText<T>(value: T): T {
  return needsCleaning(value) ? (copyCleaned(value) as T) : value;
}
