/**
 * Base64 PCM16 helpers. Audio on the wire is little-endian whatever the host is, so these
 * never reinterpret memory on a big-endian machine.
 */
import { PROTOCOL_ERROR_CODES } from './error-codes.js';
import { RtSimError } from '../errors/index.js';

const hostIsLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * 1 for each character code of the standard base64 alphabet (`A–Z a–z 0–9 + /`). A table read
 * per character instead of five range tests: isBase64 runs on every audio frame, and this
 * halved its time on the P1 conversation bench (bench/conversation.ts).
 */
const ALPHABET = (() => {
  const table = new Uint8Array(128);
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
})();

/**
 * True for standard, padded base64 (the only kind the wire uses). One pass over the text,
 * no regular expression: a multi-megabyte append must not overflow or backtrack.
 */
export function isBase64(text: string): boolean {
  const n = text.length;
  if (n % 4 !== 0) return false;
  // Up to two '=' at the very end, and nothing but the alphabet before them.
  let end = n;
  if (n > 0 && text.charCodeAt(n - 1) === 61 /* = */) end = text.charCodeAt(n - 2) === 61 ? n - 2 : n - 1;
  for (let i = 0; i < end; i++) if (ALPHABET[text.charCodeAt(i)] !== 1) return false;
  return true;
}

/** Encodes PCM16 samples as little-endian bytes in standard base64. */
export function encodePcm16(samples: Int16Array): string {
  if (hostIsLittleEndian) return Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength).toString('base64');
  const bytes = Buffer.allocUnsafe(samples.length * 2);
  for (let i = 0; i < samples.length; i++) bytes.writeInt16LE(samples[i] ?? 0, i * 2);
  return bytes.toString('base64');
}

/**
 * Decodes standard base64 little-endian PCM16 into a fresh, aligned `Int16Array`.
 * Throws RTSIM_PROTOCOL_BAD_BASE64 for text that is not base64 and
 * RTSIM_PROTOCOL_BAD_AUDIO for an odd number of bytes.
 */
export function decodePcm16(b64: string): Int16Array {
  if (!isBase64(b64)) {
    throw new RtSimError(
      PROTOCOL_ERROR_CODES.BAD_BASE64,
      `audio must be standard padded base64, got ${b64.length} characters that are not`,
    );
  }
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.length % 2 !== 0) {
    throw new RtSimError(
      PROTOCOL_ERROR_CODES.BAD_AUDIO,
      `PCM16 audio must have an even number of bytes, got ${bytes.length}`,
      {
        bytes: bytes.length,
      },
    );
  }
  const samples = new Int16Array(bytes.length / 2);
  if (hostIsLittleEndian) {
    new Uint8Array(samples.buffer).set(bytes);
  } else {
    for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(i * 2);
  }
  return samples;
}

/** Decoded size of a base64 string in bytes, computed without decoding. Padding is optional. */
export function base64ByteLength(b64: string): number {
  let end = b64.length;
  while (end > 0 && b64.charCodeAt(end - 1) === 61 /* '=' */) end--;
  return Math.floor((end * 3) / 4);
}
