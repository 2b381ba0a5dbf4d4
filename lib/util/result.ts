/**
 * Expected failures at a boundary (bad upload, no permission, invalid seed file) are values, not
 * exceptions: a `{ code, message }` that the caller maps once to an HTTP status (the routes:
 * lib/server/http/errors.ts) or a message on screen. Every domain module answers this one shape:
 * `{ ok: true, value }` or `{ ok: false, code, message }`.
 */
export type Failure<Code extends string = string> = { ok: false; code: Code; message: string };
export type Success<T> = { ok: true; value: T };
export type Result<T, Code extends string = string> = Success<T> | Failure<Code>;

export const ok = <T>(value: T): Success<T> => ({ ok: true, value });
export const fail = <Code extends string>(code: Code, message: string): Failure<Code> => ({ ok: false, code, message });

/** The success of an action that has nothing to tell (a route answers it 204). */
export const done: Success<undefined> = Object.freeze({ ok: true, value: undefined });
