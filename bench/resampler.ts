/**
 * Resampler bake-off: `node --import tsx bench/resampler.ts`.
 *
 * For each candidate and input rate, streams 2 s of a 1 kHz sine (amplitude 10000) in 10 ms
 * frames to 24 kHz and reports:
 * - freq err: frequency from interpolated zero crossings of the steady part vs 1000 Hz;
 * - level: amplitude of a least-squares sine fit vs the input amplitude, in dB;
 * - SINAD: fitted sine power over the residual (noise, distortion, images, chunk clicks);
 * - reject: for down-sampling, a 15 kHz tone (above the 12 kHz output Nyquist) must vanish:
 *   output level vs input level; for up-sampling, a tone at 0.45 × input rate must not leave an
 *   image at (input rate − f): level of everything but the tone vs the tone;
 * - held: output held back while streaming (latency before flush), in ms of 24 kHz audio
 *   (the whole-buffer row holds everything);
 * - x realtime: seconds of audio converted per second of CPU (10 ms frames, 20 s of audio).
 *
 * This file is the one place outside src/clock allowed to read performance.now.
 *
 * `npm run bench` (bench/run.ts) imports {@link realtimeFactor} for its throughput targets;
 * the bake-off table below runs only when this file is the entry point.
 */
import { pathToFileURL } from 'node:url';
import lsr from '@alexanderolsen/libsamplerate-js';
import waveResampler_ from 'wave-resampler';
import { createResampler, type SincOptions } from '../dist/audio/index.js';
import { concat } from './common.js';

const OUT = 24000;
const AMP = 10000;
const RATES = [8000, 16000, 22050, 32000, 44100, 48000];

/** A streaming converter as the bench drives it: push frames, then flush the tail. */
export interface Stream {
  push(x: Int16Array): Int16Array;
  flush(): Int16Array;
}
interface Candidate {
  name: string;
  make(inRate: number): Promise<Stream>;
}

function sinc(opts: SincOptions, label: string): Candidate {
  return { name: label, make: async (inRate) => createResampler(inRate, OUT, opts) };
}

/** libsamplerate through `full()` (stateful); flushed by pushing silence until the expected count. */
function libsamplerate(type: 0 | 1 | 2, label: string): Candidate {
  return {
    name: label,
    async make(inRate) {
      const src = await lsr.create(1, inRate, OUT, { converterType: type });
      let inCount = 0;
      let outCount = 0;
      const run = (x: Int16Array): Int16Array => {
        const f = new Float32Array(x.length);
        for (let i = 0; i < x.length; i++) f[i] = (x[i] ?? 0) / 32768;
        const y = src.full(f);
        outCount += y.length;
        return toInt16(y, 32768);
      };
      return {
        push(x) {
          inCount += x.length;
          return run(x);
        },
        flush() {
          const target = Math.ceil((inCount * OUT) / inRate);
          const parts: Int16Array[] = [];
          let guard = 0;
          while (outCount < target && guard++ < 100) parts.push(run(new Int16Array(Math.ceil(inRate / 100))));
          const all = concat(parts);
          return all.subarray(0, all.length - (outCount - target));
        },
      };
    },
  };
}

/** wave-resampler has no state: each 10 ms frame is converted on its own. */
function waveResampler(method: 'sinc' | 'cubic', label: string): Candidate {
  return {
    name: label,
    async make(inRate) {
      return {
        push: (x) => toInt16(waveResampler_.resample(x, inRate, OUT, { method }), 1),
        flush: () => new Int16Array(0),
      };
    },
  };
}

/** wave-resampler on the whole signal at once: its own quality, though it cannot stream. */
function waveWhole(label: string): Candidate {
  return {
    name: label,
    async make(inRate) {
      const held: Int16Array[] = [];
      return {
        push(x) {
          held.push(x.slice());
          return new Int16Array(0);
        },
        flush: () => toInt16(waveResampler_.resample(concat(held), inRate, OUT, { method: 'sinc' }), 1),
      };
    },
  };
}

const CANDIDATES: Candidate[] = [
  sinc({ zeroCrossings: 16, kaiserBeta: 8.6, cutoff: 0.9 }, 'rt-sim sinc K=16 (chosen)'),
  sinc({ zeroCrossings: 8, kaiserBeta: 6, cutoff: 0.85 }, 'rt-sim sinc K=8'),
  sinc({ zeroCrossings: 32, kaiserBeta: 10, cutoff: 0.93 }, 'rt-sim sinc K=32'),
  libsamplerate(1, 'libsamplerate MEDIUM'),
  libsamplerate(2, 'libsamplerate FASTEST'),
  waveResampler('sinc', 'wave-resampler sinc'),
  waveResampler('cubic', 'wave-resampler cubic'),
  waveWhole('wave-resampler sinc, whole buffer'),
];

export function tone(rate: number, freq: number, seconds: number): Int16Array {
  const n = Math.round(rate * seconds);
  const x = new Int16Array(n);
  for (let i = 0; i < n; i++) x[i] = Math.round(AMP * Math.sin((2 * Math.PI * freq * i) / rate));
  return x;
}

/** Streams `x` in 10 ms frames (22050 Hz frames alternate 220/221 samples). */
export function stream(s: Stream, x: Int16Array, rate: number): { y: Int16Array; held: number } {
  const parts: Int16Array[] = [];
  const frames = Math.round((x.length / rate) * 100);
  for (let k = 0; k < frames; k++) {
    const a = Math.floor((k * rate) / 100);
    const b = Math.floor(((k + 1) * rate) / 100);
    const y = s.push(x.subarray(a, b));
    parts.push(y);
  }
  const tail = s.flush();
  parts.push(tail);
  return { y: concat(parts), held: tail.length };
}

/** Least-squares fit of a*sin + b*cos + c at `freq` over y[from, to). */
function fitSine(
  y: Int16Array,
  freq: number,
  from: number,
  to: number,
): { amp: number; residual: number; power: number } {
  let ss = 0,
    cc = 0,
    sc = 0,
    sy = 0,
    cy = 0;
  for (let i = from; i < to; i++) {
    const w = (2 * Math.PI * freq * i) / OUT;
    const s = Math.sin(w),
      c = Math.cos(w),
      v = y[i] ?? 0;
    ss += s * s;
    cc += c * c;
    sc += s * c;
    sy += s * v;
    cy += c * v;
  }
  const det = ss * cc - sc * sc;
  const a = (sy * cc - cy * sc) / det;
  const b = (cy * ss - sy * sc) / det;
  let residual = 0,
    power = 0;
  for (let i = from; i < to; i++) {
    const w = (2 * Math.PI * freq * i) / OUT;
    const fit = a * Math.sin(w) + b * Math.cos(w);
    residual += ((y[i] ?? 0) - fit) ** 2;
    power += fit * fit;
  }
  return { amp: Math.hypot(a, b), residual: residual / (to - from), power: power / (to - from) };
}

/** Frequency from rising zero crossings, linearly interpolated, over y[from, to). */
function zeroCrossingFreq(y: Int16Array, from: number, to: number): number {
  let first = -1,
    last = -1,
    count = 0;
  for (let i = from + 1; i < to; i++) {
    const p = y[i - 1] ?? 0,
      q = y[i] ?? 0;
    if (p < 0 && q >= 0) {
      const t = i - 1 + p / (p - q);
      if (first < 0) first = t;
      last = t;
      count++;
    }
  }
  return ((count - 1) * OUT) / (last - first);
}

function rms(y: Int16Array, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += (y[i] ?? 0) ** 2;
  return Math.sqrt(s / (to - from));
}

const db = (ratio: number): number => 20 * Math.log10(ratio);

async function measure(c: Candidate, rate: number): Promise<string[]> {
  const seconds = 2;
  const steady: [number, number] = [Math.round(0.1 * OUT), Math.round((seconds - 0.1) * OUT)];
  const { y, held } = stream(await c.make(rate), tone(rate, 1000, seconds), rate);
  const f = zeroCrossingFreq(y, ...steady);
  const fit = fitSine(y, 1000, ...steady);
  const sinad = 10 * Math.log10(fit.power / fit.residual);

  let reject: number;
  if (rate > OUT) {
    const hi = stream(await c.make(rate), tone(rate, 15000, seconds), rate).y;
    reject = db(rms(hi, ...steady) / (AMP / Math.SQRT2));
  } else {
    const f0 = 0.45 * rate;
    const hi = stream(await c.make(rate), tone(rate, f0, seconds), rate).y;
    const g = fitSine(hi, f0, ...steady);
    reject = 10 * Math.log10(g.residual / g.power);
  }

  const xRealtime = realtimeFactor(await c.make(rate), rate);

  return [
    c.name,
    String(rate),
    String(y.length),
    `${(((f - 1000) / 1000) * 100).toFixed(4)}%`,
    `${db(fit.amp / AMP).toFixed(3)}`,
    `${sinad.toFixed(1)}`,
    reject < -99 ? '< -99' : `${reject.toFixed(1)}`,
    `${((held / OUT) * 1000).toFixed(2)}`,
    `${Math.round(xRealtime)}`,
  ];
}

/**
 * Seconds of audio converted per second of wall time (or, with `timer: 'cpu'`, of this
 * process's CPU time, user + system, which other processes on the machine disturb less):
 * `seconds` of a 1 kHz tone at `rate` streamed through `s` in 10 ms frames, then flushed.
 */
export function realtimeFactor(s: Stream, rate: number, seconds = 20, timer: 'wall' | 'cpu' = 'wall'): number {
  const x = tone(rate, 1000, seconds);
  if (timer === 'cpu') {
    const c0 = process.cpuUsage();
    stream(s, x, rate);
    const c = process.cpuUsage(c0);
    return seconds / ((c.user + c.system) / 1e6);
  }
  const t0 = performance.now();
  stream(s, x, rate);
  return seconds / ((performance.now() - t0) / 1000);
}

function toInt16(y: ArrayLike<number>, scale: number): Int16Array {
  const out = new Int16Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const v = Math.round((y[i] ?? 0) * scale);
    out[i] = Math.min(32767, Math.max(-32768, v));
  }
  return out;
}

async function main(): Promise<void> {
  const header = [
    'candidate',
    'in Hz',
    'out samples (2 s)',
    'freq err',
    'level dB',
    'SINAD dB',
    'reject dB',
    'held ms',
    'x realtime',
  ];
  const rows: string[][] = [];
  for (const rate of RATES) for (const c of CANDIDATES) rows.push(await measure(c, rate));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
