/**
 * Typed transaction origins. Every write to a notebook document names where it came from, so
 * listeners and the undo manager can tell a person's edit from a kernel result or a load.
 * The undo manager tracks only the local user's origin object: kernel writes and loads are never
 * undoable.
 */
export type OriginKind =
  /** A local person's edit. */
  | "user"
  /** An update received from another participant through the server. */
  | "remote"
  /** Results written by the Python kernel runner. */
  | "kernel"
  /** Loading stored state or importing a file: not an edit. */
  | "load"
  /** Housekeeping the app does by itself (normalization, migrations of the document layout). */
  | "system";

export interface Origin {
  readonly kind: OriginKind;
  /** For "user": a stable id of the local session, so two tabs of one person are two origins. */
  readonly sessionId?: string;
}

export const LOAD: Origin = Object.freeze({ kind: "load" });
export const SYSTEM: Origin = Object.freeze({ kind: "system" });
export const KERNEL: Origin = Object.freeze({ kind: "kernel" });

/** The origin object of one local editing session; keep it and pass it to the undo manager. */
export function userOrigin(sessionId: string): Origin {
  return Object.freeze({ kind: "user", sessionId });
}

export function isOrigin(value: unknown): value is Origin {
  return typeof value === "object" && value !== null && typeof (value as Origin).kind === "string";
}
