/**
 * Expected failures at a boundary (bad upload, no permission, invalid seed file) are values, not
 * exceptions: a `{ code, message }` that the caller maps once to an HTTP status or a message.
 */
export type Failure<Code extends string = string> = { ok: false; code: Code; message: string };
export type Success<T> = { ok: true; value: T };
export type Result<T, Code extends string = string> = Success<T> | Failure<Code>;

export const ok = <T>(value: T): Success<T> => ({ ok: true, value });
export const fail = <Code extends string>(code: Code, message: string): Failure<Code> => ({ ok: false, code, message });
