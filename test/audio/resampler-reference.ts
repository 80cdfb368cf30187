/**
 * The resampler as it was before issue 14's speed work (commit 0be5baf, src/audio/resampler.ts),
 * kept verbatim as the oracle: the goldens hold a sha of every append, so the fast path must give
 * these int16 samples bit for bit (test/audio/resampler-identity.test.ts). Not a test file.
 */
import type { Resampler as Converter, SincOptions } from '../../src/audio/index.js';

/** The converter's interface as it was: `pushView` came later, and the oracle has none. */
type Resampler = Omit<Converter, 'pushView'>;

const DEFAULTS: Required<SincOptions> = { zeroCrossings: 16, kaiserBeta: 8.6, cutoff: 0.9 };

/** The pre-issue-14 converter from `inputRate` to `outputRate` (rates must differ). */
export function createReferenceResampler(inputRate: number, outputRate: number, options: SincOptions = {}): Resampler {
  return new SincResampler(inputRate, outputRate, { ...DEFAULTS, ...options });
}

class SincResampler implements Resampler {
  readonly lookahead: number;
  /** Up-factor and down-factor: output n sits at input time n * down / up. */
  private readonly up: number;
  private readonly down: number;
  private readonly taps: number;
  /** `up` phases of `taps` coefficients each. */
  private readonly table: Float32Array;
  /** Input samples from absolute index `histStart` on; starts with the zeros before the stream. */
  private hist: Float32Array;
  private histLen = 0;
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
    this.table = new Float32Array(this.up * this.taps);
    const i0Beta = besselI0(opts.kaiserBeta);
    for (let p = 0; p < this.up; p++) {
      const frac = p / this.up;
      let sum = 0;
      const row = new Float64Array(this.taps);
      for (let j = 0; j < this.taps; j++) {
        const x = j - w + 1 - frac; // input index minus output time
        const u = x / halfWidth;
        const win = Math.abs(u) >= 1 ? 0 : besselI0(opts.kaiserBeta * Math.sqrt(1 - u * u)) / i0Beta;
        const v = 2 * fc * sinc(2 * fc * x) * win;
        row[j] = v;
        sum += v;
      }
      // Unit DC gain in every phase, so a constant input gives a constant output (no phase ripple).
      for (let j = 0; j < this.taps; j++) this.table[p * this.taps + j] = (row[j] ?? 0) / sum;
    }
    this.hist = new Float32Array(this.taps * 4);
    this.reset();
  }

  get pendingOutput(): number {
    return Math.ceil((this.inCount * this.up) / this.down) - this.outCount;
  }

  push(samples: Int16Array): Int16Array {
    this.append(samples, samples.length);
    return this.drain();
  }

  flush(): Int16Array {
    // Silence after the end lets the held-back outputs be computed: with `lookahead` more
    // samples, exactly ceil(inCount * up / down) outputs exist in total.
    this.append(null, this.lookahead);
    const tail = this.drain();
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
      const bigger = new Float32Array(Math.max(this.hist.length * 2, this.histLen + n));
      bigger.set(this.hist.subarray(0, this.histLen));
      this.hist = bigger;
    }
    if (samples) {
      const h = this.hist;
      const at = this.histLen;
      for (let i = 0; i < n; i++) h[at + i] = samples[i] ?? 0;
    } else {
      this.hist.fill(0, this.histLen, this.histLen + n);
    }
    this.histLen += n;
    this.inCount += n;
  }

  private drain(): Int16Array {
    const w = this.lookahead;
    const available = Math.max(0, Math.ceil(((this.inCount - w) * this.up) / this.down)) - this.outCount;
    const out = new Int16Array(Math.max(0, available));
    const { table, taps, up, down, hist } = this;
    let base = this.base;
    let phase = this.phase;
    for (let k = 0; k < out.length; k++) {
      const start = base - w + 1 - this.histStart;
      const off = phase * taps;
      let acc = 0;
      for (let j = 0; j < taps; j++) acc += (hist[start + j] ?? 0) * (table[off + j] ?? 0);
      const v = Math.round(acc);
      out[k] = Math.min(Math.max(v, -32768), 32767);
      phase += down;
      while (phase >= up) {
        phase -= up;
        base++;
      }
    }
    this.base = base;
    this.phase = phase;
    this.outCount += out.length;
    // Keep only the input the next output still reads.
    const keepFrom = base - w + 1 - this.histStart;
    if (keepFrom > 0) {
      this.hist.copyWithin(0, keepFrom, this.histLen);
      this.histLen -= keepFrom;
      this.histStart += keepFrom;
    }
    return out;
  }
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

function sinc(x: number): number {
  if (x === 0) return 1;
  const px = Math.PI * x;
  return Math.sin(px) / px;
}

/** Modified Bessel function of the first kind, order 0 (power series; converges fast for beta < 20). */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 50; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-16) break;
  }
  return sum;
}
