import { describe, expect, it } from 'vitest';
import {
  AudioInput,
  bytesToPcm16,
  createAudioFrame,
  createResampler,
  type AudioFrame,
} from '../../../src/client/audio/index.js';
import { isRtSimError } from '../../../src/protocol/index.js';
import { concatBytes, interleave, sine, sineAmplitude, tenMsFrames, zeroCrossingFrequency } from './tone.js';

const RATES = [8000, 16000, 22050, 24000, 32000, 44100, 48000];

/** Mono or stereo (same tone in both channels) frames of `x`, 10 ms each. */
function frames(x: Int16Array, rate: number, channels: 1 | 2): AudioFrame[] {
  return tenMsFrames(rate, x.length).map(([a, b]) => {
    const mono = x.subarray(a, b);
    return createAudioFrame(channels === 1 ? mono : interleave(mono, mono), rate, channels);
  });
}

function ms24k(ms: number, value = 1000): AudioFrame {
  return createAudioFrame(new Int16Array(ms * 24).fill(value), 24000, 1);
}

/** Samples the sinc resampler holds back at the end of an N-sample stream (its look-ahead tail). */
function heldBack(rate: number, n: number): number {
  if (rate === 24000) return 0;
  const w = createResampler(rate).lookahead;
  return Math.ceil((n * 24000) / rate) - Math.ceil(((n - w) * 24000) / rate);
}

describe('AudioInput: 1 s of audio in 10 ms frames (R6.1, R6.2)', () => {
  for (const rate of RATES) {
    for (const channels of [1, 2] as const) {
      const label = `${rate} Hz ${channels === 1 ? 'mono' : 'stereo'}`;
      it(`R6.2 ${label} gives 24000 samples as exactly ten 4800-byte appends`, () => {
        const input = new AudioInput();
        const appends = frames(sine(rate, 1000, 1), rate, channels).flatMap((f) => input.push(f));
        const held = heldBack(rate, rate);
        if (rate === 24000) {
          // Pass-through: every 100 ms of input completes an append; nothing is held.
          expect(appends).toHaveLength(10);
          expect(input.bufferedMs).toBe(0);
        } else {
          // The resampler holds back its look-ahead tail (`held` samples, 0.7–2.3 ms), so the
          // 10th append is 2400 - held samples short while streaming ...
          expect(held).toBeGreaterThan(0);
          expect(held).toBeLessThan(60);
          expect(appends).toHaveLength(9);
          expect(input.bufferedMs).toBeCloseTo(100, 9);
        }
        expect(appends.every((a) => a.length === 4800)).toBe(true);
        expect(input.pushedMs).toBe(appends.length * 100);
        // ... and commit flushes the chunker tail plus the resampler tail: exactly one more full chunk.
        const done = input.commit();
        expect(done.commit).toBe(true);
        expect(done.remainder?.length ?? 0).toBe(rate === 24000 ? 0 : 4800);
        const total = appends.length * 2400 + (done.remainder?.length ?? 0) / 2;
        expect(total).toBe(24000);
        expect(input.pushedMs).toBe(0);
        expect(input.bufferedMs).toBe(0);
      });
    }
  }
});

describe('AudioInput: a 1 kHz tone survives resampling and downmix (R6.1)', () => {
  for (const rate of RATES) {
    for (const channels of [1, 2] as const) {
      const name = `R6.1 ${rate} Hz ${channels === 1 ? 'mono' : 'stereo'} `;
      it(`${name}keeps 1 kHz within ±1% and its level within ±1 dB`, () => {
        const input = new AudioInput();
        const bytes = frames(sine(rate, 1000, 1), rate, channels).flatMap((f) => input.push(f));
        const done = input.commit();
        const out = bytesToPcm16(concatBytes([...bytes, ...(done.remainder ? [done.remainder] : [])]));
        expect(out.length).toBe(24000);
        // Measure after the filter's warm-up and before its ring-out: 50 ms in from each end.
        const f = zeroCrossingFrequency(out, 24000, 1200, 22800);
        const db = 20 * Math.log10(sineAmplitude(out, 1200, 22800) / 10000);
        expect(Math.abs(f - 1000) / 1000).toBeLessThan(0.01);
        expect(Math.abs(db)).toBeLessThan(1);
      });
    }
  }

  it('R6.1 deviation: stereo is averaged, so opposite channels cancel instead of being read as mono samples', () => {
    const input = new AudioInput();
    const tone = sine(48000, 1000, 0.2);
    const minus = tone.map((v) => -v);
    const appends = input.push(createAudioFrame(interleave(tone, minus), 48000, 2));
    expect(appends).toHaveLength(1);
    expect(bytesToPcm16(appends[0] ?? new Uint8Array(0)).every((v) => v === 0)).toBe(true);
  });

  it('R6.1 24 kHz mono passes through byte for byte', () => {
    const input = new AudioInput();
    const x = sine(24000, 440, 0.1);
    const [append] = input.push(createAudioFrame(x, 24000, 1));
    expect([...bytesToPcm16(append ?? new Uint8Array(0))]).toEqual([...x]);
  });
});

describe('AudioInput: counter, commit and clear (R6.3–R6.5)', () => {
  it('R6.3 pushedMs grows by exactly 100 per append, whatever the frame size', () => {
    const input = new AudioInput();
    let appends = 0;
    for (let i = 0; i < 20; i++) {
      appends += input.push(ms24k(35)).length;
      expect(input.pushedMs).toBe(appends * 100);
    }
    expect(appends).toBe(7); // 700 ms in appends, 0 ms pending
    expect(input.bufferedMs).toBe(0);
  });

  it('R6.4 fix (§8.10) commit after exactly 100 ms is sent', () => {
    const input = new AudioInput();
    expect(input.push(ms24k(100))).toHaveLength(1);
    expect(input.commit()).toEqual({ remainder: null, commit: true });
  });

  it('R6.4 fix (§8.10) 100 ms at 48 kHz commits, counting the chunker and resampler tails', () => {
    const input = new AudioInput();
    expect(input.push(createAudioFrame(sine(48000, 1000, 0.1), 48000, 1))).toHaveLength(0);
    expect(input.pushedMs).toBe(0);
    const done = input.commit();
    expect(done.commit).toBe(true);
    expect(done.remainder?.length).toBe(4800);
  });

  it('R6.4 fix (§8.10) commit after 99 ms is not sent and keeps the audio for the turn', () => {
    const input = new AudioInput();
    input.push(ms24k(99));
    expect(input.commit()).toEqual({ remainder: null, commit: false });
    expect(input.bufferedMs).toBe(99);
    // The next millisecond completes a full append; the turn then commits.
    expect(input.push(ms24k(1))).toHaveLength(1);
    expect(input.commit()).toEqual({ remainder: null, commit: true });
  });

  it('R6.4 nothing pushed: commit is not sent', () => {
    expect(new AudioInput().commit()).toEqual({ remainder: null, commit: false });
  });

  it('R6.2 fix (§8.9) commit flushes the chunker remainder as a final short append', () => {
    const input = new AudioInput();
    const appends = input.push(ms24k(150, 7));
    expect(appends).toHaveLength(1);
    const done = input.commit();
    expect(done.commit).toBe(true);
    expect(done.remainder?.length).toBe(2400);
    expect(bytesToPcm16(done.remainder ?? new Uint8Array(0)).every((v) => v === 7)).toBe(true);
  });

  it('R6.4 after a commit the counter resets and the next turn starts empty', () => {
    const input = new AudioInput();
    input.push(ms24k(250));
    expect(input.commit().commit).toBe(true);
    expect(input.pushedMs).toBe(0);
    expect(input.bufferedMs).toBe(0);
    input.push(ms24k(50));
    expect(input.commit()).toEqual({ remainder: null, commit: false });
  });

  it('R6.5 fix: clear resets the counter and drops the local remainder, so the cleared turn does not leak', () => {
    const input = new AudioInput();
    input.push(ms24k(150, 1));
    input.push(createAudioFrame(new Int16Array(480).fill(1), 48000, 1)); // 10 ms at 48 kHz: resampler state too
    expect(input.pushedMs).toBe(100);
    input.clear();
    expect(input.pushedMs).toBe(0);
    expect(input.bufferedMs).toBe(0);
    const [next] = input.push(ms24k(100, 9));
    expect(bytesToPcm16(next ?? new Uint8Array(0)).every((v) => v === 9)).toBe(true);
    expect(input.commit()).toEqual({ remainder: null, commit: true });
  });

  it('R6.1 a rate change mid-stream recreates the resampler and flushes the old one: no audio is lost', () => {
    const input = new AudioInput();
    const appends = [
      ...frames(sine(48000, 1000, 0.5), 48000, 1).flatMap((f) => input.push(f)),
      ...frames(sine(16000, 1000, 0.5), 16000, 2).flatMap((f) => input.push(f)),
    ];
    const done = input.commit();
    const out = bytesToPcm16(concatBytes([...appends, ...(done.remainder ? [done.remainder] : [])]));
    expect(out.length).toBe(24000);
    // The tone is intact on both sides of the switch (away from the seam at 12000).
    for (const [from, to] of [
      [1200, 10800],
      [13200, 22800],
    ] as const) {
      expect(Math.abs(zeroCrossingFrequency(out, 24000, from, to) - 1000)).toBeLessThan(10);
      expect(Math.abs(20 * Math.log10(sineAmplitude(out, from, to) / 10000))).toBeLessThan(1);
    }
  });

  it('R6.1 switching from 48 kHz to 24 kHz flushes the resampler before the pass-through audio', () => {
    const input = new AudioInput();
    const a = input.push(createAudioFrame(new Int16Array(4800).fill(500), 48000, 1));
    expect(a).toHaveLength(0);
    expect(input.bufferedMs).toBe(100); // 2400 samples: chunker tail plus the look-ahead tail
    const b = input.push(ms24k(100, 500));
    // The flushed 100 ms and the new 100 ms make exactly two appends, in order.
    expect(b).toHaveLength(2);
    expect(input.bufferedMs).toBe(0);
    expect(bytesToPcm16(b[1] ?? new Uint8Array(0)).every((v) => v === 500)).toBe(true);
    expect(input.commit()).toEqual({ remainder: null, commit: true });
  });

  for (const rate of [24000, 48000]) {
    it(`stereo at ${rate} Hz, frames of changing size: the reused downmix buffer leaks nothing between pushes`, () => {
      const x = sine(rate, 700, 1.3, 12000);
      const y = sine(rate, 310, 1.3, 9000);
      const stereo = interleave(x, y);
      const sizes = [rate / 100, rate / 50, rate / 200, 7, rate / 25, 1];
      const input = new AudioInput();
      const appends: Uint8Array[] = [];
      for (let a = 0, k = 0; a < x.length; k++) {
        const b = Math.min(x.length, a + (sizes[k % sizes.length] ?? 1));
        appends.push(...input.push(createAudioFrame(stereo.slice(2 * a, 2 * b), rate, 2)));
        a = b;
      }
      appends.push(input.commit().remainder ?? new Uint8Array(0));
      // The same audio downmixed up front and pushed as one mono frame.
      const mono = Int16Array.from(x, (v, i) => (v + (y[i] ?? 0)) >> 1);
      const once = new AudioInput();
      const expected = [...once.push(createAudioFrame(mono, rate, 1)), once.commit().remainder ?? new Uint8Array(0)];
      expect([...concatBytes(appends)]).toEqual([...concatBytes(expected)]);
    });
  }

  it('rejects a bad frame with RTSIM_AUDIO_BAD_FRAME and keeps its state', () => {
    const input = new AudioInput();
    input.push(ms24k(50));
    const bad = { data: new Int16Array(5), sampleRate: 24000, numChannels: 2, samplesPerChannel: 2.5 };
    let err: unknown;
    try {
      input.push(bad);
    } catch (e) {
      err = e;
    }
    expect(isRtSimError(err, 'RTSIM_AUDIO_BAD_FRAME')).toBe(true);
    expect((err as Error).message).toMatch(/^\[rt-sim\] audio frame: /);
    expect(() =>
      input.push({ data: new Int16Array(10), sampleRate: 12000, numChannels: 1, samplesPerChannel: 10 }),
    ).toThrow(/sampleRate must be one of .* got 12000/);
    expect(input.bufferedMs).toBe(50);
  });
});
