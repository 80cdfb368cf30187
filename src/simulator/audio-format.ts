/**
 * Converting between the simulator's internal audio (PCM16, 24 kHz, mono) and the formats
 * a session may choose for its input and output (reference §1.5).
 */
import {
  alawDecode,
  alawEncode,
  bytesToPcm16,
  mulawDecode,
  mulawEncode,
  pcm16ToBytes,
  resamplePcm16,
} from '../audio/index.js';
import type { AudioFormat } from '../protocol/index.js';
import { G711_RATE, SAMPLE_RATE } from '../protocol/index.js';

/** The format every session starts with. */
export const DEFAULT_AUDIO_FORMAT: AudioFormat = { type: 'audio/pcm', rate: SAMPLE_RATE };

/** Sample rate of a format. */
export function formatRate(format: AudioFormat): number {
  return format.type === 'audio/pcm' ? format.rate : G711_RATE;
}

/** Bytes per sample of a format: 2 for PCM16, 1 for G.711. */
export function bytesPerSample(format: AudioFormat): number {
  return format.type === 'audio/pcm' ? 2 : 1;
}

/** Encodes internal 24 kHz PCM16 as the bytes of `format`. */
export function encodeAudio(pcm24k: Int16Array, format: AudioFormat): Uint8Array {
  const samples = resamplePcm16(pcm24k, SAMPLE_RATE, formatRate(format));
  if (format.type === 'audio/pcm') return pcm16ToBytes(samples);
  const encode = format.type === 'audio/pcmu' ? mulawEncode : alawEncode;
  const bytes = new Uint8Array(samples.length);
  for (let i = 0; i < samples.length; i++) bytes[i] = encode(samples[i] ?? 0);
  return bytes;
}

/** Decodes bytes of `format` to PCM16 samples at the format's own rate. A trailing odd byte is ignored. */
export function decodeAudio(bytes: Uint8Array, format: AudioFormat): Int16Array {
  if (format.type === 'audio/pcm') return bytesToPcm16(bytes);
  const decode = format.type === 'audio/pcmu' ? mulawDecode : alawDecode;
  const samples = new Int16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) samples[i] = decode(bytes[i] ?? 0);
  return samples;
}

/**
 * Reads sample `i` of `bytes` in `format`, as {@link decodeAudio} decodes it, without decoding
 * the rest: for readers of a few samples of a long append (the VAD with turn detection off).
 */
export function sampleReader(bytes: Uint8Array, format: AudioFormat): (i: number) => number {
  if (format.type === 'audio/pcm') return (i) => ((bytes[2 * i]! | (bytes[2 * i + 1]! << 8)) << 16) >> 16;
  const decode = format.type === 'audio/pcmu' ? mulawDecode : alawDecode;
  // `| 0` as an Int16Array stores it: the G.711 decoders give -0 for one code.
  return (i) => decode(bytes[i]!) | 0;
}
