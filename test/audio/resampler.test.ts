import { describe, expect, it } from 'vitest';
import { createResampler, resamplePcm16 } from '../../src/audio/index.js';
import { isRtSimError } from '../../src/protocol/index.js';
import { concatPcm, sine, sineAmplitude, tenMsFrames, zeroCrossingFrequency } from '../client/audio/tone.js';

const RATES = [8000, 16000, 22050, 32000, 44100, 48000];

/** Streams `x` through a fresh resampler in 10 ms frames, then flushes. */
function streamed(rate: number, x: Int16Array): { out: Int16Array; beforeFlush: number } {
  const r = createResampler(rate);
  const parts = tenMsFrames(rate, x.length).map(([a, b]) => r.push(x.subarray(a, b)));
  const beforeFlush = parts.reduce((n, p) => n + p.length, 0);
  expect(r.pendingOutput).toBe(Math.ceil((x.length * 24000) / rate) - beforeFlush);
  parts.push(r.flush());
  return { out: concatPcm(parts), beforeFlush };
}

describe('createResampler', () => {
  it('R6.1 passes 24 kHz through untouched (same array, nothing held back)', () => {
    const r = createResampler(24000);
    const x = sine(24000, 1000, 0.01);
    expect(r.push(x)).toBe(x);
    expect(r.pendingOutput).toBe(0);
    expect(r.flush().length).toBe(0);
  });

  for (const rate of RATES) {
    it(`R6.1 ${rate} Hz → 24 kHz keeps a 1 kHz tone within ±1% in frequency and ±1 dB in level`, () => {
      const { out } = streamed(rate, sine(rate, 1000, 1));
      expect(out.length).toBe(24000);
      // Skip 50 ms at each end: the filter's warm-up from the silence before the stream and its ring-out.
      const f = zeroCrossingFrequency(out, 24000, 1200, 22800);
      const levelDb = 20 * Math.log10(sineAmplitude(out, 1200, 22800) / 10000);
      expect(Math.abs(f - 1000) / 1000).toBeLessThan(0.01);
      expect(Math.abs(levelDb)).toBeLessThan(1);
    });

    it(`${rate} Hz gives exactly ceil(N × 24000 / ${rate}) samples however the input is split`, () => {
      const x = sine(rate, 440, 0.3771);
      const whole = createResampler(rate);
      const once = concatPcm([whole.push(x), whole.flush()]);
      expect(once.length).toBe(Math.ceil((x.length * 24000) / rate));
      const odd = createResampler(rate);
      const parts: Int16Array[] = [];
      for (let a = 0, k = 1; a < x.length; a += k, k = ((k * 7) % 97) + 1) parts.push(odd.push(x.subarray(a, a + k)));
      parts.push(odd.flush());
      // Same samples, not just the same count: state carries across pushes, so edges cannot click.
      expect([...concatPcm(parts)]).toEqual([...once]);
    });
  }

  it('holds back only the look-ahead while streaming, and flush returns exactly that', () => {
    const r = createResampler(48000);
    const out = r.push(new Int16Array(4800));
    // Output n needs input up to 2n + lookahead; the rest comes out on flush.
    expect(out.length).toBe(Math.ceil(((4800 - r.lookahead) * 24000) / 48000));
    expect(r.pendingOutput).toBe(2400 - out.length);
    expect(r.flush().length).toBe(2400 - out.length);
  });

  it('is output-aligned, not delayed: a step between input samples 799 and 800 is centred at output 2398.5', () => {
    const x = new Int16Array(1600);
    x.fill(16000, 800);
    const r = createResampler(8000);
    const y = concatPcm([r.push(x), r.flush()]);
    expect(y.length).toBe(4800);
    // Outputs 2398 and 2399 sit at input times 799.33 and 799.67, symmetric about the step.
    expect(y[2398]).toBeLessThan(8000);
    expect(y[2399]).toBeGreaterThan(8000);
    expect(Math.abs((y[2398] ?? 0) + (y[2399] ?? 0) - 16000)).toBeLessThanOrEqual(1);
    // Outside the filter's reach the levels are exact.
    expect(y[2300]).toBe(0);
    expect(y[2500]).toBe(16000);
  });

  it('starts a fresh stream after flush', () => {
    const r = createResampler(16000);
    const x = sine(16000, 300, 0.05);
    const first = concatPcm([r.push(x), r.flush()]);
    expect(r.pendingOutput).toBe(0);
    const second = concatPcm([r.push(x), r.flush()]);
    expect([...second]).toEqual([...first]);
  });

  it('clamps instead of wrapping when a full-scale square wave rings over', () => {
    const x = new Int16Array(800);
    for (let i = 0; i < x.length; i++) x[i] = Math.floor(i / 20) % 2 === 0 ? 32767 : -32768;
    const r = createResampler(8000);
    const y = concatPcm([r.push(x), r.flush()]);
    // Gibbs overshoot saturates; a wrapped sample would jump to the other rail mid-plateau.
    expect(Math.max(...y)).toBe(32767);
    expect(Math.min(...y)).toBe(-32768);
    for (let i = 100; i < y.length - 100; i++) {
      const plateau = Math.floor(i / 60) % 2 === 0 ? 1 : -1;
      if (i % 60 > 10 && i % 60 < 50) expect(Math.sign(y[i] ?? 0)).toBe(plateau);
    }
  });

  it('rejects a rate that is not a positive integer', () => {
    for (const rate of [0, -8000, 44100.5]) {
      let err: unknown;
      try {
        createResampler(rate);
      } catch (e) {
        err = e;
      }
      expect(isRtSimError(err, 'RTSIM_AUDIO_BAD_RATE')).toBe(true);
    }
  });
});

describe('resamplePcm16 (whole buffers: the simulator)', () => {
  it('returns the same array at equal rates, and nothing for nothing', () => {
    const x = sine(16000, 700, 0.01);
    expect(resamplePcm16(x, 16000, 16000)).toBe(x);
    expect(resamplePcm16(new Int16Array(0), 16000, 24000)).toHaveLength(0);
  });

  it('gives what the streaming converter gives, the same duration rounded down, call after call', () => {
    for (const [from, to, n] of [
      [44100, 24000, 2205], // 1200 samples exactly
      [24000, 8000, 1200], // 400
      [24000, 22050, 1200], // 1102.5: 1102, the converter's last output dropped
      [16000, 24000, 1001], // 1501.5: 1501
    ] as const) {
      const x = sine(from, 700, n / from);
      const r = createResampler(from, to);
      const streamed = [...concatPcm([r.push(x), r.flush()])];
      const expected = streamed.slice(0, Math.floor((n * to) / from));
      expect(streamed.length - expected.length).toBe((n * to) % from === 0 ? 0 : 1);
      expect([...resamplePcm16(x, from, to)]).toEqual(expected);
      expect([...resamplePcm16(x, from, to)]).toEqual(expected);
    }
  });

  it('leaves its input as it was', () => {
    const x = sine(24000, 3000, 0.1);
    const before = x.slice();
    resamplePcm16(x, 24000, 8000);
    expect(x).toEqual(before);
  });
});
