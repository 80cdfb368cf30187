import { createResampler, type Resampler } from './resampler.js';

/** One converter per rate pair for {@link resamplePcm16}: `flush` resets it, and its table is the costly part. */
const converters = new Map<string, Resampler>();

/**
 * Resamples a whole buffer of mono PCM16 at once (the same array when the rates match) with the
 * streaming converter of {@link createResampler}, pushed and flushed. `floor(N * to / from)`
 * samples come back, aligned with the input: the same duration at the new rate, never longer
 * (the converter's last output, at most one sample from the end, is dropped when the duration
 * is not a whole number of output samples; wave-resampler, used before, gave the same lengths).
 *
 * @throws RtSimError `RTSIM_AUDIO_BAD_RATE` for a rate that is not a positive integer.
 */
export function resamplePcm16(samples: Int16Array, from: number, to: number): Int16Array {
  if (from === to || samples.length === 0) return samples;
  const key = `${from}>${to}`;
  let converter = converters.get(key);
  if (converter === undefined) {
    converter = createResampler(from, to);
    converters.set(key, converter);
  }
  const head = converter.push(samples);
  const tail = converter.flush();
  const out = new Int16Array(Math.floor((samples.length * to) / from));
  out.set(head.subarray(0, out.length), 0);
  if (head.length < out.length) out.set(tail.subarray(0, out.length - head.length), head.length);
  return out;
}
