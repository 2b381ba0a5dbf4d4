/**
 * The messages between an embed frame (/embed/<slug>) and the page that frames it (the /embed.js
 * loader), by window.postMessage. The loader trusts a message only from a frame it made (it
 * compares `event.source`) and on Tandem's origin; the frame sends nothing but its size.
 */
export const FRAME_PROTOCOL_VERSION = 1;

export interface FrameSizeMessage {
  readonly type: "tandem:embed:size";
  readonly version: typeof FRAME_PROTOCOL_VERSION;
  /** The frame's content height in CSS pixels. */
  readonly height: number;
}

export type FrameMessage = FrameSizeMessage;

export function sizeMessage(height: number): FrameSizeMessage {
  return { type: "tandem:embed:size", version: FRAME_PROTOCOL_VERSION, height: Math.ceil(height) };
}
