/**
 * The fast resampler against the pre-issue-14 one (resampler-reference.ts): every int16 sample
 * must be the same, because the goldens hold a sha of every append. Minutes of noise, tones,
 * full-scale square waves and clipped input, every supported rate both ways, push sizes varying.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { disableSimdForTests } from '../../src/audio/fir-wasm.js';
import { createResampler } from '../../src/audio/index.js';
import { createReferenceResampler } from './resampler-reference.js';

const RATES = [8000, 16000, 22050, 32000, 44100, 48000];

/** Deterministic 32-bit LCG in [0, 1). */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

function clampInt16(v: number): number {
  return Math.min(32767, Math.max(-32768, Math.round(v)));
}

/** Named test signals of `seconds` at `rate`. */
function signals(rate: number, noiseSeconds: number): [string, Int16Array][] {
  const make = (seconds: number, f: (i: number, t: number) => number): Int16Array => {
    const n = Math.round(rate * seconds);
    const x = new Int16Array(n);
    for (let i = 0; i < n; i++) x[i] = clampInt16(f(i, i / rate));
    return x;
  };
  const white = lcg(rate);
  const loud = lcg(rate + 1);
  const sweepTone = (t: number): number => Math.sin(2 * Math.PI * (100 * t + 400 * t * t));
  return [
    ['white noise, full scale', make(noiseSeconds, () => white() * 65536 - 32768)],
    ['quiet noise (±300)', make(5, () => loud() * 600 - 300)],
    ['tones 440 + 3 kHz + sweep', make(10, (_, t) => 9000 * Math.sin(2 * Math.PI * 440 * t) + 7000 * sweepTone(t))],
    ['full-scale square, 1 kHz', make(5, (i) => (Math.floor((i * 2000) / rate) % 2 === 0 ? 32767 : -32768))],
    ['full-scale square, 97 Hz', make(5, (i) => (Math.floor((i * 194) / rate) % 2 === 0 ? 32767 : -32768))],
    ['clipped sine (amplitude 80000)', make(5, (_, t) => 80000 * Math.sin(2 * Math.PI * 330 * t))],
    ['DC at the rails then silence', make(2, (i) => (i < rate ? 32767 : i < 1.5 * rate ? -32768 : 0))],
    ['bursts in digital silence', inSilence(rate, (_, t) => 12000 * Math.sin(2 * Math.PI * 300 * t) + white() * 400)],
  ];
}

/**
 * Sound in runs of exact zeros, the resampler's skipped case (src/audio/silence.ts): bursts of
 * 1, 5, 73 and 700 samples and 0.3 s between zero runs of 1, 36, 71, 72, 200 and 9000 samples
 * (around the filter's width), starting and ending in silence.
 */
function inSilence(rate: number, sound: (i: number, t: number) => number): Int16Array {
  const bursts = [1, 5, 73, 700, Math.round(rate * 0.3)];
  const gaps = [9000, 1, 36, 71, 72, 200];
  const x: number[] = [];
  for (let k = 0; k < 30; k++) {
    for (let i = 0; i < gaps[k % gaps.length]!; i++) x.push(0);
    for (let i = 0; i < bursts[k % bursts.length]!; i++) x.push(clampInt16(sound(x.length, x.length / rate)) || 1);
  }
  for (let i = 0; i < 5000; i++) x.push(0);
  return Int16Array.from(x);
}

/**
 * Pushes `x` through `r` in sizes cycling over 1 to 9000 samples and the 10 ms frame, by
 * `push` and `pushView` in turn, then flushes; 9000 input samples at 48 kHz make more outputs
 * than one SIMD kernel call takes.
 */
function run(
  r: { push(x: Int16Array): Int16Array; pushView?(x: Int16Array): Int16Array; flush(): Int16Array },
  x: Int16Array,
  rate: number,
): Int16Array {
  const out = new Int16Array(Math.ceil(x.length * 2 * (48000 / rate)) + 16);
  let n = 0;
  const sizes = [Math.round(rate / 100), 1, 7, 2000, 480, 3, 441, 960, 64, 1023, 9000];
  for (let a = 0, k = 0; a < x.length; k++) {
    const b = Math.min(x.length, a + sizes[k % sizes.length]!);
    // Every other push takes a view, copied at once as the client's input path copies it.
    const y = k % 2 === 1 && r.pushView ? r.pushView(x.subarray(a, b)) : r.push(x.subarray(a, b));
    out.set(y, n);
    n += y.length;
    a = b;
  }
  const tail = r.flush();
  out.set(tail, n);
  return out.subarray(0, n + tail.length);
}

function firstDifference(a: Int16Array, b: Int16Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

describe('resampler: bit-identical to the pre-issue-14 reference', () => {
  const pairs = [...RATES.map((r) => [r, 24000] as const), ...RATES.map((r) => [24000, r] as const)];
  for (const [from, to] of pairs) {
    it(`${from} → ${to} Hz: a minute of noise, tones, squares and clipping give the same samples`, () => {
      for (const [name, x] of signals(from, 60)) {
        const fast = run(createResampler(from, to), x, from);
        const ref = run(createReferenceResampler(from, to), x, from);
        expect(fast.length, name).toBe(Math.ceil((x.length * to) / from));
        expect(firstDifference(fast, ref), name).toBe(-1);
      }
    }, 60_000);
  }

  it('with non-default filter options too (K = 8 and 32, another cut-off)', () => {
    for (const opts of [{ zeroCrossings: 8 }, { zeroCrossings: 32, cutoff: 0.8, kaiserBeta: 6 }]) {
      for (const [from, to] of [
        [48000, 24000],
        [44100, 24000],
        [24000, 8000],
      ] as const) {
        const [, x] = signals(from, 5)[0]!;
        const fast = run(createResampler(from, to, opts), x, from);
        expect(firstDifference(fast, run(createReferenceResampler(from, to, opts), x, from))).toBe(-1);
      }
    }
  });

  it('integer down-factors other than 2 (48k → 16k and 8k) through the SIMD kernel', () => {
    for (const to of [16000, 8000]) {
      for (const [name, x] of signals(48000, 10)) {
        const fast = run(createResampler(48000, to), x, 48000);
        expect(firstDifference(fast, run(createReferenceResampler(48000, to), x, 48000)), name).toBe(-1);
      }
    }
  });

  it('a stream reused after flush stays identical', () => {
    const fast = createResampler(48000, 24000);
    const ref = createReferenceResampler(48000, 24000);
    for (const [, x] of signals(48000, 3)) expect(firstDifference(run(fast, x, 48000), run(ref, x, 48000))).toBe(-1);
  });
});

describe('resampler: the scalar fallback (no WebAssembly SIMD) is bit-identical too', () => {
  afterEach(() => disableSimdForTests(false));

  for (const [from, to] of [
    [48000, 24000],
    [24000, 8000],
    [48000, 16000],
  ] as const) {
    it(`${from} → ${to} Hz without SIMD`, () => {
      disableSimdForTests(true);
      for (const [name, x] of signals(from, 20)) {
        const fast = run(createResampler(from, to), x, from);
        expect(firstDifference(fast, run(createReferenceResampler(from, to), x, from)), name).toBe(-1);
      }
    }, 60_000);
  }
});
