/**
 * Converting between the simulator's internal audio (PCM16, 24 kHz, mono) and the formats
 * a session may choose for its input and output (reference §1.5).
 */
import { createRequire } from 'node:module';
import type { AudioFormat } from '../protocol/index.js';
import { G711_RATE, SAMPLE_RATE } from '../protocol/index.js';
import { alawDecode, alawEncode, mulawDecode, mulawEncode } from './g711.js';

// wave-resampler ships a UMD bundle as `main` and ESM as `module`; Node and Vite disagree on
// which one `import` gets, so load the CommonJS build the same way everywhere.
const requireCjs = createRequire(import.meta.url);
const { resample } = requireCjs('wave-resampler') as {
  resample(samples: ArrayLike<number>, from: number, to: number, details?: object): ArrayLike<number>;
};

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

/** Clamps and rounds a float in [-1, 1] to a PCM16 sample. */
export function floatToInt16(value: number): number {
  const v = Math.max(-1, Math.min(1, value));
  return v < 0 ? Math.round(v * 32768) : Math.round(v * 32767);
}

/** Resamples PCM16 from one rate to another (identity when the rates match). */
export function resamplePcm16(samples: Int16Array, from: number, to: number): Int16Array {
  if (from === to || samples.length === 0) return samples;
  const out = resample(samples, from, to);
  const result = new Int16Array(out.length);
  for (let i = 0; i < out.length; i++) result[i] = Math.max(-32768, Math.min(32767, Math.round(out[i] ?? 0)));
  return result;
}

/** Encodes internal 24 kHz PCM16 as the bytes of `format`. */
export function encodeAudio(pcm24k: Int16Array, format: AudioFormat): Uint8Array {
  const samples = resamplePcm16(pcm24k, SAMPLE_RATE, formatRate(format));
  if (format.type === 'audio/pcm') {
    const bytes = new Uint8Array(samples.length * 2);
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < samples.length; i++) view.setInt16(i * 2, samples[i] ?? 0, true);
    return bytes;
  }
  const encode = format.type === 'audio/pcmu' ? mulawEncode : alawEncode;
  const bytes = new Uint8Array(samples.length);
  for (let i = 0; i < samples.length; i++) bytes[i] = encode(samples[i] ?? 0);
  return bytes;
}

/** Decodes bytes of `format` to PCM16 samples at the format's own rate. A trailing odd byte is ignored. */
export function decodeAudio(bytes: Uint8Array, format: AudioFormat): Int16Array {
  if (format.type === 'audio/pcm') {
    const n = Math.floor(bytes.length / 2);
    const samples = new Int16Array(n);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < n; i++) samples[i] = view.getInt16(i * 2, true);
    return samples;
  }
  const decode = format.type === 'audio/pcmu' ? mulawDecode : alawDecode;
  const samples = new Int16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) samples[i] = decode(bytes[i] ?? 0);
  return samples;
}
