/** Messages between the server and the SQLite checkpointer's thread (checkpointer.ts). */
export interface CheckpointerData {
  readonly file: string;
  readonly url: string;
}

export type CheckpointRequest = { readonly type: "checkpoint"; readonly id: number } | { readonly type: "close" };

export type CheckpointReply =
  | { readonly type: "ready" }
  | { readonly type: "done"; readonly id: number; readonly logFrames: number; readonly copiedFrames: number }
  | { readonly type: "failed"; readonly id: number; readonly message: string };
