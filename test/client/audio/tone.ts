/** Test signals and measurements shared by the audio tests (not a test file). */

/** `seconds` of a sine at `freq` Hz, amplitude `amp`, as PCM16 at `rate`. */
export function sine(rate: number, freq: number, seconds: number, amp = 10000): Int16Array {
  const n = Math.round(rate * seconds);
  const x = new Int16Array(n);
  for (let i = 0; i < n; i++) x[i] = Math.round(amp * Math.sin((2 * Math.PI * freq * i) / rate));
  return x;
}

/** Interleaves two channels. */
export function interleave(left: Int16Array, right: Int16Array): Int16Array {
  const out = new Int16Array(left.length * 2);
  for (let i = 0; i < left.length; i++) {
    out[2 * i] = left[i] ?? 0;
    out[2 * i + 1] = right[i] ?? 0;
  }
  return out;
}

/** Splits `n` samples at `rate` into 10 ms frames: [start, end) pairs (22050 Hz alternates 220/221). */
export function tenMsFrames(rate: number, n: number): [number, number][] {
  const out: [number, number][] = [];
  for (let k = 0; ; k++) {
    const a = Math.floor((k * rate) / 100);
    if (a >= n) break;
    out.push([a, Math.min(n, Math.floor(((k + 1) * rate) / 100))]);
  }
  return out;
}

/** Frequency of `y` (sampled at `rate`) from interpolated rising zero crossings over [from, to). */
export function zeroCrossingFrequency(y: Int16Array, rate: number, from = 0, to = y.length): number {
  let first = -1;
  let last = -1;
  let count = 0;
  for (let i = from + 1; i < to; i++) {
    const p = y[i - 1] ?? 0;
    const q = y[i] ?? 0;
    if (p < 0 && q >= 0) {
      const t = i - 1 + p / (p - q);
      if (first < 0) first = t;
      last = t;
      count++;
    }
  }
  return ((count - 1) * rate) / (last - first);
}

/** Amplitude of `y` over [from, to) from its RMS (a sine's peak is RMS × √2). */
export function sineAmplitude(y: Int16Array, from = 0, to = y.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += (y[i] ?? 0) ** 2;
  return Math.sqrt(s / (to - from)) * Math.SQRT2;
}

/** Concatenates PCM16 arrays. */
export function concatPcm(parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Concatenates byte arrays. */
export function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
