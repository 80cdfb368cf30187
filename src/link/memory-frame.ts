/** What travels over the in-memory link. Frames in each direction keep their order. */

export type DataFrame =
  | { readonly kind: 'text'; readonly data: string }
  | { readonly kind: 'binary'; readonly data: Uint8Array };
/** A close frame; a close without a status code travels as 1005 with an empty reason. */
export type CloseFrame = { readonly kind: 'close'; readonly code: number; readonly reason: string };
/** The connection dropped with no close frame (TCP reset): the peer sees 1006. */
export type ResetFrame = { readonly kind: 'reset' };

/** Client → server. */
export type UpFrame = { readonly kind: 'handshake' } | DataFrame | CloseFrame | ResetFrame;

/** Server → client. */
export type DownFrame =
  | { readonly kind: 'accept'; readonly protocol: string }
  | { readonly kind: 'refuse'; readonly status: number; readonly body: string }
  | DataFrame
  /** A text frame whose payload is not UTF-8: the client fails the connection. */
  | { readonly kind: 'invalid-utf8' }
  | CloseFrame
  | ResetFrame;

/** Copies outgoing bytes so later writes by the sender cannot change a frame in flight. */
export function copyBytes(data: ArrayBuffer | ArrayBufferView): Uint8Array {
  if (data instanceof ArrayBuffer) return new Uint8Array(data.slice(0));
  return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
}
