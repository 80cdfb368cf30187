/**
 * Base64 PCM16 helpers. Audio on the wire is little-endian whatever the host is, so these
 * never reinterpret memory on a big-endian machine.
 */
import { PROTOCOL_ERROR_CODES } from './error-codes.js';
import { RtSimError } from '../errors/index.js';

const hostIsLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * 1 for each character code of the standard base64 alphabet (`A–Z a–z 0–9 + /`). A table read
 * per character instead of five range tests: it halved the character loop's time on 6,400
 * characters (15.7 -> 9.2 us).
 */
const ALPHABET = (() => {
  const table = new Uint8Array(128);
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
})();

/** Below this length the character loop is cheaper than a native decode and re-encode. */
const NATIVE_FROM = 256;

/** Padding `=` at the end of `text` (0–2), as standard base64 places it. */
function paddingOf(text: string): number {
  const n = text.length;
  if (n === 0 || text.charCodeAt(n - 1) !== 61 /* = */) return 0;
  return text.charCodeAt(n - 2) === 61 ? 2 : 1;
}

/** True when `text[from, end)` holds only the alphabet. */
function alphabetOnly(text: string, from: number, end: number): boolean {
  for (let i = from; i < end; i++) if (ALPHABET[text.charCodeAt(i)] !== 1) return false;
  return true;
}

/**
 * True for standard, padded base64 (the only kind the wire uses). No regular expression: a
 * multi-megabyte append must not overflow or backtrack. Long texts are checked by
 * {@link decodeBase64}, natively, which measured several times faster than the character loop
 * on 100 ms audio frames (`rt-sim serve` checks every append).
 */
export function isBase64(text: string): boolean {
  const n = text.length;
  if (n % 4 !== 0) return false;
  if (n >= NATIVE_FROM) return decodeBase64(text) !== undefined;
  // Up to two '=' at the very end, and nothing but the alphabet before them.
  return alphabetOnly(text, 0, n - paddingOf(text));
}

/**
 * The bytes of standard, padded base64 `text`, or undefined when {@link isBase64} says it is
 * not: one native decode and its byte count. Node's decoder skips characters outside the
 * alphabet (`=` included) and reads `-` `_` as `+` `/`: a skipped character leaves the count
 * short, and `-` `_` are looked for with `indexOf`; the last four characters are checked one by
 * one. Re-encoding the bytes to compare them with the text checked the same, with a 6,400-
 * character string per 100 ms append: 5.1 us a decode against 1.0, and 16% of what a
 * conversation's run allocated (the simulator and the observer decode every append).
 * test/protocol/base64.test.ts holds it to the grammar.
 */
export function decodeBase64(text: string): Buffer | undefined {
  const n = text.length;
  if (n % 4 !== 0) return undefined;
  const pad = paddingOf(text);
  if (n < NATIVE_FROM) return alphabetOnly(text, 0, n - pad) ? Buffer.from(text, 'base64') : undefined;
  if (!alphabetOnly(text, n - 4, n - pad)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== (n / 4) * 3 - pad) return undefined;
  return text.indexOf('-') === -1 && text.indexOf('_') === -1 ? bytes : undefined;
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
  // One native decode checks and decodes: isBase64 then Buffer.from decoded long texts twice.
  const bytes = decodeBase64(b64);
  if (bytes === undefined) {
    throw new RtSimError(
      PROTOCOL_ERROR_CODES.BAD_BASE64,
      `audio must be standard padded base64, got ${b64.length} characters that are not`,
    );
  }
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
