/**
 * A small WAV codec for 16-bit PCM, the only audio a transcript moves into WAV files. The
 * decoder walks RIFF chunks itself so it can hand back the exact bytes of the `data` chunk
 * (audio references are byte ranges of it).
 */
import { NUM_CHANNELS, RtSimError, SAMPLE_RATE } from '../protocol/index.js';
import { TRANSCRIPT_ERROR_CODES } from './errors.js';

/** Size of the canonical header {@link wavHeader} writes; PCM data starts here. */
export const WAV_HEADER_BYTES = 44;

/** A decoded 16-bit PCM WAV file. */
export interface PcmWav {
  sampleRate: number;
  channels: number;
  /** The `data` chunk: little-endian PCM16, interleaved. */
  data: Uint8Array;
}

/**
 * The 44-byte header of a PCM16 WAV holding `dataBytes` bytes of samples.
 * Defaults: 24 kHz mono, the protocol's format.
 */
export function wavHeader(
  dataBytes: number,
  sampleRate: number = SAMPLE_RATE,
  channels: number = NUM_CHANNELS,
): Uint8Array {
  const out = new Uint8Array(WAV_HEADER_BYTES);
  const view = new DataView(out.buffer);
  const ascii = (offset: number, text: string): void => {
    for (let i = 0; i < text.length; i++) out[offset + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // linear PCM
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * channels * 2, true);
  view.setUint16(32, channels * 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  return out;
}

/**
 * Encodes PCM16 as a WAV file. `pcm` is either samples or their little-endian bytes (as
 * decoded from the wire's base64). Defaults: 24 kHz mono.
 */
export function encodeWav(
  pcm: Int16Array | Uint8Array,
  sampleRate: number = SAMPLE_RATE,
  channels: number = NUM_CHANNELS,
): Uint8Array {
  const bytes = pcm instanceof Int16Array ? pcm16Bytes(pcm) : pcm;
  const out = new Uint8Array(WAV_HEADER_BYTES + bytes.length);
  out.set(wavHeader(bytes.length, sampleRate, channels), 0);
  out.set(bytes, WAV_HEADER_BYTES);
  return out;
}

/**
 * Decodes a 16-bit PCM WAV file. A `data` chunk whose size runs past the end of the file (a
 * recording cut off before its header was patched) is read up to the end. Throws RtSimError
 * RTSIM_TRANSCRIPT_BAD_WAV naming `label` for anything else.
 */
export function decodeWav(bytes: Uint8Array, label = 'WAV data'): PcmWav {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bad = (got: string): RtSimError =>
    new RtSimError(TRANSCRIPT_ERROR_CODES.BAD_WAV, `${label}: expected a 16-bit PCM WAV file, got ${got}`);
  if (bytes.length < 12 || ascii(bytes, 0, 4) !== 'RIFF' || ascii(bytes, 8, 4) !== 'WAVE') {
    throw bad(`${bytes.length} bytes without a RIFF/WAVE header`);
  }
  let format: { sampleRate: number; channels: number } | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = ascii(bytes, offset, 4);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > bytes.length) throw bad(`a fmt chunk of ${size} bytes`);
      const audioFormat = view.getUint16(body, true);
      const bits = view.getUint16(body + 14, true);
      if (audioFormat !== 1 || bits !== 16) throw bad(`format ${audioFormat} with ${bits} bits per sample`);
      format = { channels: view.getUint16(body + 2, true), sampleRate: view.getUint32(body + 4, true) };
    } else if (id === 'data') {
      if (format === undefined) throw bad('a data chunk before the fmt chunk');
      const end = Math.min(bytes.length, body + size);
      return { ...format, data: bytes.subarray(body, end) };
    }
    offset = body + size + (size % 2);
  }
  throw bad('no data chunk');
}

/** Little-endian bytes of PCM16 samples, whatever the host's byte order. */
export function pcm16Bytes(samples: Int16Array): Uint8Array {
  const out = new Uint8Array(samples.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < samples.length; i++) view.setInt16(i * 2, samples[i] ?? 0, true);
  return out;
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}
