/** Throws when a programmer's assumption does not hold. The message should name the offending values. */
export function invariant(condition: unknown, message: string | (() => string)): asserts condition {
  if (!condition) throw new Error(typeof message === "function" ? message() : message);
}

/** Exhaustiveness check for `switch` over a discriminated union. */
export function assertNever(value: never, what = "value"): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
