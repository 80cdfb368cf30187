import type { AudioFrame } from './frame.js';

/**
 * Mono samples of a frame: mono data is returned as is, stereo is averaged per sample pair,
 * into `scratch` when it is long enough (it, or a view on it, comes back, valid until the next call
 * that reuses it) or into a fresh array.
 *
 * Deviation from the reference (R6.1), which feeds interleaved stereo to a mono resampler and
 * so plays it at half speed, an octave down: rt-sim averages the channels first.
 */
export function downmixToMono(frame: AudioFrame, scratch?: Int16Array): Int16Array {
  if (frame.numChannels === 1) return frame.data;
  const n = frame.samplesPerChannel;
  let out: Int16Array;
  if (scratch && scratch.length >= n) out = scratch.length === n ? scratch : scratch.subarray(0, n);
  else out = new Int16Array(n);
  const data = frame.data;
  for (let i = 0; i < n; i++) {
    // Arithmetic shift floors, so the average of two int16 values always fits an int16.
    // In range: a valid frame holds 2 * n samples.
    out[i] = (data[2 * i]! + data[2 * i + 1]!) >> 1;
  }
  return out;
}
