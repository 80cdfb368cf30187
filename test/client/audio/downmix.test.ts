import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAudioFrame, downmixToMono } from '../../../src/client/audio/index.js';

describe('downmixToMono (R6.1 deviation: stereo is averaged, not read as mono)', () => {
  it('averages each left/right pair', () => {
    const frame = createAudioFrame(Int16Array.from([100, 300, -10, 10, 32767, 32767, -32768, -32768]), 24000, 2);
    expect([...downmixToMono(frame)]).toEqual([200, 0, 32767, -32768]);
  });

  it('returns mono data as is', () => {
    const data = Int16Array.from([1, 2, 3]);
    expect(downmixToMono(createAudioFrame(data, 16000, 1))).toBe(data);
  });

  it('writes into a long enough scratch array and returns a view on it as long as the frame', () => {
    const frame = createAudioFrame(Int16Array.from([100, 300, -10, 10]), 48000, 2);
    const scratch = new Int16Array(8).fill(7);
    const mono = downmixToMono(frame, scratch);
    expect([...mono]).toEqual([200, 0]);
    expect(mono.buffer).toBe(scratch.buffer);
    expect([...scratch]).toEqual([200, 0, 7, 7, 7, 7, 7, 7]);
  });

  it('falls back to a fresh array when the scratch is too short', () => {
    const frame = createAudioFrame(Int16Array.from([2, 4, 6, 8, 10, 12]), 48000, 2);
    const scratch = new Int16Array(2);
    const mono = downmixToMono(frame, scratch);
    expect([...mono]).toEqual([3, 7, 11]);
    expect(mono.buffer).not.toBe(scratch.buffer);
    expect([...scratch]).toEqual([0, 0]);
  });

  it('averages every pair of a frame of any length, four at a time and the rest one by one', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -32768, max: 32767 }), { maxLength: 40 }), fc.boolean(), (v, long) => {
        const samples = v.length % 2 === 0 ? v : v.slice(1);
        const frame = createAudioFrame(Int16Array.from(samples), 48000, 2);
        const expected = samples.flatMap((x, k) => (k % 2 === 0 ? [Math.floor((x + samples[k + 1]!) / 2)] : []));
        const scratch = new Int16Array(long ? samples.length : 0).fill(-7);
        expect([...downmixToMono(frame, scratch)]).toEqual(expected);
      }),
      { seed: 14, numRuns: 500 },
    );
  });
});
