/**
 * The resampler's filter design: polyphase tables of Kaiser-windowed sincs (resampler.ts),
 * built once per conversion and shared.
 */

/**
 * Filter tables by rates and options, shared by every resampler of that conversion (read only once
 * built): a 44.1 kHz → 24 kHz table is 80 phases of Bessel-windowed sincs, and the fuzzer made one
 * per session (0.8% of a campaign's CPU). Bounded: the oldest goes past {@link MAX_TABLES}.
 */
const TABLES = new Map<string, Float64Array>();
const MAX_TABLES = 64;

/**
 * `up` phases of `taps` windowed-sinc coefficients each (filter in input-sample units: half
 * width `w` taps, cut-off `fc`), each phase scaled to unit DC gain, as float32 values.
 */
function filterTable(up: number, taps: number, w: number, halfWidth: number, fc: number, beta: number): Float64Array {
  const table = new Float64Array(up * taps);
  const i0Beta = besselI0(beta);
  const row = new Float64Array(taps);
  for (let p = 0; p < up; p++) {
    const frac = p / up;
    let sum = 0;
    for (let j = 0; j < taps; j++) {
      const x = j - w + 1 - frac; // input index minus output time
      const u = x / halfWidth;
      const win = Math.abs(u) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - u * u)) / i0Beta;
      const v = 2 * fc * sinc(2 * fc * x) * win;
      row[j] = v;
      sum += v;
    }
    // Unit DC gain in every phase, so a constant input gives a constant output (no phase ripple).
    for (let j = 0; j < taps; j++) table[p * taps + j] = Math.fround(row[j]! / sum);
  }
  return table;
}

/** The table of one conversion (`key`: its rates and options), built on first use and shared. */
export function sharedSincTable(
  key: string,
  up: number,
  taps: number,
  w: number,
  halfWidth: number,
  fc: number,
  beta: number,
): Float64Array {
  let table = TABLES.get(key);
  if (table === undefined) {
    table = filterTable(up, taps, w, halfWidth, fc, beta);
    if (TABLES.size >= MAX_TABLES) TABLES.delete(TABLES.keys().next().value as string);
    TABLES.set(key, table);
  }
  return table;
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
