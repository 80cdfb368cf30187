import type { RawData } from 'ws';

/** The bytes of a `ws` message, whatever `binaryType` delivered them as. */
export function rawBytes(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/** A plain `Uint8Array` view of a `ws` message (not a `Buffer`, like the memory link). */
export function rawUint8Array(data: RawData): Uint8Array {
  const bytes = rawBytes(data);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
