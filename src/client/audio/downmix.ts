import type { AudioFrame } from './frame.js';

/**
 * Mono samples of a frame: mono data is returned as is, stereo is averaged per sample pair.
 *
 * Deviation from the reference (R6.1), which feeds interleaved stereo to a mono resampler and
 * so plays it at half speed, an octave down: rt-sim averages the channels first.
 */
export function downmixToMono(frame: AudioFrame): Int16Array {
  if (frame.numChannels === 1) return frame.data;
  const n = frame.samplesPerChannel;
  const out = new Int16Array(n);
  const data = frame.data;
  for (let i = 0; i < n; i++) {
    // Arithmetic shift floors, so the average of two int16 values always fits an int16.
    out[i] = ((data[2 * i] ?? 0) + (data[2 * i + 1] ?? 0)) >> 1;
  }
  return out;
}
