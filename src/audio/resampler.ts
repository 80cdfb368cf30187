/**
 * rt-sim's one resampler (issue 13), for the client's input and the simulator's audio alike.
 * Chosen by measurement (docs/resampler.md, bench/resampler-quality.ts, 2026-12-05): against
 * libsamplerate SINC_BEST_QUALITY a 1 kHz tone comes out at 86-97 dB SNR at 8-48 kHz both ways
 * (streamed or whole), where wave-resampler, which the simulator used, gave -3 to 24 dB; and it
 * converts 200-750x realtime, 4-9x faster. Issue 14 made it faster without changing a sample:
 * four outputs per loop pass, a WebAssembly SIMD kernel for integer down-factors (fir-wasm.ts),
 * and no filtering where the input is digital silence (silence.ts); docs/resampler.md, "Speed
 * of the client's input path".
 */
import { RtSimError } from '../errors/index.js';
import { simdDecimator } from './fir-wasm.js';
import { audibleOutputs, firstNonZero, lastNonZero } from './silence.js';
import { sharedSincTable } from './sinc-table.js';
import { WIRE_SAMPLE_RATE } from './wire-rate.js';

/**
 * A synchronous streaming sample-rate converter for mono PCM16.
 *
 * Output is aligned with input (output sample `n` is the signal at input time `n * in / out`),
 * so the converter has look-ahead instead of delay: each output needs a few input samples
 * after it, and the last few outputs of a stream only come out of {@link Resampler.flush}.
 * `push` then `flush` over a stream of `N` input samples yields exactly `ceil(N * out / in)`
 * samples, however the input was split.
 */
export interface Resampler {
  /** Rate of the samples given to `push`. */
  readonly inputRate: number;
  /** Rate of the samples returned. */
  readonly outputRate: number;
  /** Input samples each output looks ahead (0 for a pass-through). */
  readonly lookahead: number;
  /** Samples `flush()` would return now: the output still held back by the look-ahead. */
  readonly pendingOutput: number;
  /** Converts the next samples of the stream; state carries across calls, so chunk edges do not click. */
  push(samples: Int16Array): Int16Array;
  /**
   * {@link push}, but the samples returned may be a view on memory the next conversion reuses
   * (the SIMD kernel's, or this converter's scratch): copy them before converting again. For the
   * client's input path, which copies each frame's output at once: a fresh array per 10 ms frame
   * cost about 1-2 µs (an off-heap backing store), as much as the rest of the frame's bookkeeping.
   */
  pushView(samples: Int16Array): Int16Array;
  /** Ends the stream: returns the held-back output (input padded with silence) and resets. */
  flush(): Int16Array;
}

/** Tuning of the windowed-sinc filter; the defaults are the ones measured in docs/resampler.md. */
export interface SincOptions {
  /** Zero crossings of the sinc on each side, counted at the lower of the two rates. Default 16. */
  zeroCrossings?: number;
  /** Kaiser window beta (stop-band attenuation vs transition width). Default 8.6 (~90 dB). */
  kaiserBeta?: number;
  /** Cut-off as a fraction of the lower rate's Nyquist frequency. Default 0.9. */
  cutoff?: number;
}

const DEFAULTS: Required<SincOptions> = { zeroCrossings: 16, kaiserBeta: 8.6, cutoff: 0.9 };

/**
 * Creates a streaming converter from `inputRate` to `outputRate` (24 kHz by default):
 * a polyphase Kaiser-windowed sinc (band-limited interpolation). Equal rates give a
 * pass-through. Mono only: downmix first (see `downmixToMono`).
 *
 * @throws RtSimError `RTSIM_AUDIO_BAD_RATE` for a rate that is not a positive integer.
 */
export function createResampler(
  inputRate: number,
  outputRate: number = WIRE_SAMPLE_RATE,
  options: SincOptions = {},
): Resampler {
  for (const [name, rate] of [
    ['inputRate', inputRate],
    ['outputRate', outputRate],
  ] as const) {
    if (!Number.isInteger(rate) || rate <= 0) {
      throw new RtSimError(
        'RTSIM_AUDIO_BAD_RATE',
        `resampler: ${name} must be a positive integer in Hz, got ${String(rate)}`,
      );
    }
  }
  if (inputRate === outputRate) return new PassThrough(inputRate);
  return new SincResampler(inputRate, outputRate, { ...DEFAULTS, ...options });
}

class PassThrough implements Resampler {
  readonly lookahead = 0;
  readonly pendingOutput = 0;
  constructor(readonly inputRate: number) {}
  get outputRate(): number {
    return this.inputRate;
  }
  push(samples: Int16Array): Int16Array {
    return samples;
  }
  pushView(samples: Int16Array): Int16Array {
    return samples;
  }
  flush(): Int16Array {
    return new Int16Array(0);
  }
}

class SincResampler implements Resampler {
  readonly lookahead: number;
  /** Up-factor and down-factor: output n sits at input time n * down / up. */
  private readonly up: number;
  private readonly down: number;
  private readonly taps: number;
  /**
   * `up` phases of `taps` coefficients each: float32 values (what the goldens were made with),
   * held as float64 so the inner loop reads them without a conversion.
   */
  private readonly table: Float64Array;
  /**
   * Input samples from absolute index `histStart` on; starts with the zeros before the stream.
   * Int16 as they came, so appending is a copy; the products are the same float64 values.
   */
  private hist: Int16Array;
  private histLen = 0;
  /** Output memory {@link pushView} reuses where the SIMD kernel's is not returned. */
  private scratch = new Int16Array(0);
  private histStart = 0;
  /** Input samples received since the start or the last flush. */
  private inCount = 0;
  private outCount = 0;
  /** Position of the next output: input time base + phase / up. */
  private base = 0;
  private phase = 0;

  constructor(
    readonly inputRate: number,
    readonly outputRate: number,
    opts: Required<SincOptions>,
  ) {
    const g = gcd(inputRate, outputRate);
    this.up = outputRate / g;
    this.down = inputRate / g;
    // Filter in input-sample units: cut-off below the lower rate's Nyquist, and a window wide
    // enough to hold `zeroCrossings` lobes of that sinc on each side.
    const r = Math.min(inputRate, outputRate) / inputRate;
    const fc = 0.5 * opts.cutoff * r;
    const halfWidth = opts.zeroCrossings / (opts.cutoff * r);
    const w = Math.ceil(halfWidth);
    this.lookahead = w;
    this.taps = 2 * w;
    const key = `${inputRate} ${outputRate} ${opts.zeroCrossings} ${opts.kaiserBeta} ${opts.cutoff}`;
    this.table = sharedSincTable(key, this.up, this.taps, w, halfWidth, fc, opts.kaiserBeta);
    this.hist = new Int16Array(this.taps * 4);
    this.reset();
  }

  get pendingOutput(): number {
    return Math.ceil((this.inCount * this.up) / this.down) - this.outCount;
  }

  push(samples: Int16Array): Int16Array {
    this.append(samples, samples.length);
    return this.drain(false);
  }

  pushView(samples: Int16Array): Int16Array {
    this.append(samples, samples.length);
    return this.drain(true);
  }

  flush(): Int16Array {
    // Silence after the end lets the held-back outputs be computed: with `lookahead` more
    // samples, exactly ceil(inCount * up / down) outputs exist in total.
    this.append(null, this.lookahead);
    const tail = this.drain(false);
    this.reset();
    return tail;
  }

  private reset(): void {
    // The stream starts after silence: the first output reads w - 1 samples before index 0.
    this.histStart = -(this.lookahead - 1);
    this.histLen = this.lookahead - 1;
    this.hist.fill(0, 0, this.histLen);
    this.inCount = 0;
    this.outCount = 0;
    this.base = 0;
    this.phase = 0;
  }

  private append(samples: Int16Array | null, n: number): void {
    if (this.histLen + n > this.hist.length) {
      const bigger = new Int16Array(Math.max(this.hist.length * 2, this.histLen + n));
      bigger.set(this.hist.subarray(0, this.histLen));
      this.hist = bigger;
    }
    if (samples) {
      this.hist.set(samples, this.histLen);
    } else {
      this.hist.fill(0, this.histLen, this.histLen + n);
    }
    this.histLen += n;
    this.inCount += n;
  }

  /** The outputs due now: a fresh array, or with `view` one the next call may reuse. */
  private drain(view: boolean): Int16Array {
    const { lookahead: w, up, down, taps } = this;
    const available = Math.max(0, Math.ceil(((this.inCount - w) * up) / down)) - this.outCount;
    const n = Math.max(0, available);
    const start = this.base - w + 1 - this.histStart;
    const phase = this.phase;
    // Outputs reading digital silence only are 0 (silence.ts): filter just those between.
    const first = firstNonZero(this.hist, start, this.histLen);
    const { lo, hi } =
      first < 0
        ? { lo: n, hi: n }
        : audibleOutputs(n, start, phase, up, down, taps, first, lastNonZero(this.hist, start, this.histLen));
    const simd = up === 1 ? simdDecimator(down, taps) : null;
    let out: Int16Array;
    if (simd && lo === 0 && hi === n && n > 0) {
      out = view ? simd.runView(this.hist, start, this.table, n) : simd.run(this.hist, start, this.table, n);
    } else {
      out = view ? this.scratchOf(n) : new Int16Array(n);
      if (view) {
        out.fill(0, 0, lo);
        out.fill(0, hi, n);
      }
      if (hi > lo) {
        const t = phase + lo * down;
        const from = start + Math.floor(t / up);
        if (simd) out.set(simd.runView(this.hist, from, this.table, hi - lo), lo);
        else if (up === 1) this.filterWholeSteps(out.subarray(lo, hi), from);
        else this.filterPhases(out.subarray(lo, hi), from, t % up);
      }
    }
    const t = phase + n * down;
    this.base += Math.floor(t / up);
    this.phase = t % up;
    this.outCount += out.length;
    // Keep only the input the next output still reads.
    const keepFrom = this.base - w + 1 - this.histStart;
    if (keepFrom > 0) {
      this.hist.copyWithin(0, keepFrom, this.histLen);
      this.histLen -= keepFrom;
      this.histStart += keepFrom;
    }
    return out;
  }

  /** `n` samples of this converter's scratch, reused by every {@link pushView}. */
  private scratchOf(n: number): Int16Array {
    if (this.scratch.length < n) this.scratch = new Int16Array(Math.max(n, 2 * this.scratch.length));
    return this.scratch.subarray(0, n);
  }

  /**
   * Integer down-factor (48k, 32k → 24k …) without WebAssembly SIMD (the kernel, fir-wasm.ts,
   * does the same sums): one phase, each output `down` samples after the last, into `out`.
   * Four outputs at once, each summed alone in tap order, so the sums (and the goldens) are the
   * old ones bit for bit; four independent chains hide the latency of the additions.
   */
  private filterWholeSteps(out: Int16Array, start: number): void {
    const { table: t, taps, down: d, hist: h } = this;
    const n = out.length;
    let s = start;
    let k = 0;
    for (; k + 4 <= n; k += 4) {
      const s1 = s + d;
      const s2 = s1 + d;
      const s3 = s2 + d;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      for (let j = 0; j < taps; j++) {
        const c = t[j]!;
        a0 += h[s + j]! * c;
        a1 += h[s1 + j]! * c;
        a2 += h[s2 + j]! * c;
        a3 += h[s3 + j]! * c;
      }
      out[k] = toInt16(a0);
      out[k + 1] = toInt16(a1);
      out[k + 2] = toInt16(a2);
      out[k + 3] = toInt16(a3);
      s = s3 + d;
    }
    for (; k < n; k++, s += d) {
      let a = 0;
      for (let j = 0; j < taps; j++) a += h[s + j]! * t[j]!;
      out[k] = toInt16(a);
    }
  }

  /**
   * Fractional ratio (44.1k, 22.05k, 16k → 24k, 24k → any): each output has its own phase row.
   * Four outputs per pass as in {@link filterWholeSteps}, each summed alone in tap order.
   */
  private filterPhases(out: Int16Array, start: number, startPhase: number): void {
    const { table: t, taps, up, down, hist: h } = this;
    const n = out.length;
    // Window start and row offset of output k + 1 from those of output k.
    let s = start;
    let phase = startPhase;
    const step = (): void => {
      phase += down;
      while (phase >= up) {
        phase -= up;
        s++;
      }
    };
    let k = 0;
    for (; k + 4 <= n; k += 4) {
      const s0 = s;
      const o0 = phase * taps;
      step();
      const s1 = s;
      const o1 = phase * taps;
      step();
      const s2 = s;
      const o2 = phase * taps;
      step();
      const s3 = s;
      const o3 = phase * taps;
      step();
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      for (let j = 0; j < taps; j++) {
        a0 += h[s0 + j]! * t[o0 + j]!;
        a1 += h[s1 + j]! * t[o1 + j]!;
        a2 += h[s2 + j]! * t[o2 + j]!;
        a3 += h[s3 + j]! * t[o3 + j]!;
      }
      out[k] = toInt16(a0);
      out[k + 1] = toInt16(a1);
      out[k + 2] = toInt16(a2);
      out[k + 3] = toInt16(a3);
    }
    for (; k < n; k++) {
      const off = phase * taps;
      let a = 0;
      for (let j = 0; j < taps; j++) a += h[s + j]! * t[off + j]!;
      out[k] = toInt16(a);
      step();
    }
  }
}

/** Rounds a filter sum to PCM16, clamping the ringing of full-scale input instead of wrapping. */
function toInt16(acc: number): number {
  return Math.min(Math.max(Math.round(acc), -32768), 32767);
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}
