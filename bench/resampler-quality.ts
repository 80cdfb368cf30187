/**
 * Resampler quality and speed, the measurement behind rt-sim's one resampler (docs/resampler.md,
 * issue 13): `npm run bench -- --only resampler-quality`, or `node --import tsx bench/resampler-quality.ts`.
 *
 * Candidates: rt-sim's streaming Kaiser-windowed sinc (`createResampler`) and `wave-resampler`
 * (sinc method, the package the simulator used), each driven the ways rt-sim needs:
 * - `stream`: 10 ms frames through one converter, then flushed (the client's input);
 * - `whole`: the whole signal in one call (the simulator's reply WAV files);
 * - `chunks`: each 100 ms chunk on its own (the simulator's reply audio, one output delta at a time).
 *
 * Reference: libsamplerate SRC_SINC_BEST_QUALITY (`@alexanderolsen/libsamplerate-js`, `simple()`
 * over the whole signal, unquantised). SNR is reference power over the power of (candidate −
 * reference), over the middle 80 % of the output (the ends of a finite signal are filtered
 * against silence by every converter alike). Signals, 2 s each, band-limited to 0.85 × the lower
 * Nyquist so that every converter passes all of them (filters differ only in the transition band):
 * - `tone`: a 1 kHz sine (≈ −10 dBFS);
 * - `speech`: a speech-like signal, harmonics of a gliding 90–210 Hz voice under three formants,
 *   in 4 Hz syllables, with a quiet band-limited hiss (seeded, so every run measures the same).
 *
 * Speed: seconds of audio converted per second of this process's CPU time (10 s of speech).
 * Directions: every input rate the client takes to 24 kHz, and 24 kHz to every output rate the
 * service offers (`SUPPORTED_PCM_RATES`; 8 kHz is also G.711's). No timing in tests: this runs
 * only in `npm run bench`.
 */
import { pathToFileURL } from 'node:url';
import lsr from '@alexanderolsen/libsamplerate-js';
import waveResampler from 'wave-resampler';
import { createResampler, resamplePcm16 } from '../dist/audio/index.js';
import { createRandom } from '../dist/clock/index.js';
import { SUPPORTED_PCM_RATES } from '../dist/protocol/index.js';
import { atLeast, concat, median, table } from './common.js';
import type { Target } from './common.js';

const WIRE = 24000;
const SECONDS = 2;
const AMP = 10000;
/** Input rates the client converts to 24 kHz (docs/resampler.md). */
const INPUT_RATES = [8000, 16000, 22050, 32000, 44100, 48000];
/** Output rates the service offers besides 24 kHz. */
const OUTPUT_RATES = SUPPORTED_PCM_RATES.filter((r) => r !== WIRE);

type Signal = 'tone' | 'speech';
type Mode = 'stream' | 'whole' | 'chunks';

/** One way of converting a whole signal, as one candidate driven in one mode. */
interface Way {
  resampler: 'rt-sim sinc' | 'wave-resampler';
  mode: Mode;
  convert(x: Int16Array, from: number, to: number): Int16Array;
}

export interface QualityRow {
  from: number;
  to: number;
  resampler: Way['resampler'];
  mode: Mode;
  /** SNR against libsamplerate best quality, dB. */
  toneSnrDb: number;
  speechSnrDb: number;
  /** Output samples over the reference's (1 when the length is right). */
  lengthRatio: number;
  /** Seconds of audio per CPU second, median of `repeats`. */
  xRealtime: number;
}

export interface QualityResult {
  repeats: number;
  rows: QualityRow[];
  /** rt-sim's resampler keeps a tone at least {@link MIN_TONE_SNR_DB} clean in every row (not a timing). */
  targets: Target[];
}

/** Least tone SNR of rt-sim's resampler, any direction and mode (100 ms chunks measure 46.6 dB at 24k -> 8k). */
export const MIN_TONE_SNR_DB = 40;

/** Samples of `seconds` at `rate` in `frameMs` pieces (22050 Hz alternates 220/221 per 10 ms). */
function pieces(x: Int16Array, rate: number, frameMs: number): Int16Array[] {
  const out: Int16Array[] = [];
  const perSecond = 1000 / frameMs;
  const count = Math.ceil((x.length / rate) * perSecond);
  for (let k = 0; k < count; k++) {
    out.push(
      x.subarray(Math.floor((k * rate) / perSecond), Math.min(x.length, Math.floor(((k + 1) * rate) / perSecond))),
    );
  }
  return out;
}

function toInt16(y: ArrayLike<number>): Int16Array {
  const out = new Int16Array(y.length);
  for (let i = 0; i < y.length; i++) {
    out[i] = Math.max(-32768, Math.min(32767, Math.round(y[i] ?? 0)));
  }
  return out;
}

const sinc = (mode: Mode): Way => ({
  resampler: 'rt-sim sinc',
  mode,
  convert(x, from, to) {
    // The client streams through createResampler; the simulator converts with resamplePcm16.
    if (mode === 'whole') return resamplePcm16(x, from, to);
    if (mode === 'chunks') return concat(pieces(x, from, 100).map((p) => resamplePcm16(p, from, to)));
    const r = createResampler(from, to);
    return concat([...pieces(x, from, 10).map((p) => r.push(p)), r.flush()]);
  },
});

const wave = (mode: Mode): Way => ({
  resampler: 'wave-resampler',
  mode,
  convert(x, from, to) {
    // A copy: wave-resampler low-pass filters its input in place when down-sampling.
    const one = (p: Int16Array): Int16Array => toInt16(waveResampler.resample(p.slice(), from, to, { method: 'sinc' }));
    if (mode === 'whole') return one(x);
    return concat(pieces(x, from, mode === 'stream' ? 10 : 100).map(one));
  },
});

/** A 1 kHz sine. */
function tone(rate: number, seconds = SECONDS): Int16Array {
  const x = new Int16Array(Math.round(rate * seconds));
  for (let i = 0; i < x.length; i++) x[i] = Math.round(AMP * Math.sin((2 * Math.PI * 1000 * i) / rate));
  return x;
}

/**
 * Speech-like audio up to `maxHz`: a voice gliding between 90 and 210 Hz whose harmonics are
 * shaped by formants at 500, 1500 and 2500 Hz, in 4 Hz syllables, plus a hiss of random-phase
 * sines. Built from sines, so it is band-limited exactly.
 */
function speech(rate: number, maxHz: number, seconds = SECONDS): Int16Array {
  const n = Math.round(rate * seconds);
  const y = new Float64Array(n);
  const formant = (f: number): number =>
    1 / (1 + ((f - 500) / 150) ** 2) + 0.5 / (1 + ((f - 1500) / 200) ** 2) + 0.25 / (1 + ((f - 2500) / 250) ** 2);
  let phase = 0;
  for (let i = 0; i < n; i++) {
    const t = i / rate;
    const f0 = 150 + 60 * Math.sin(2 * Math.PI * 1.3 * t);
    phase += (2 * Math.PI * f0) / rate;
    const syllable = 0.55 - 0.45 * Math.cos(2 * Math.PI * 4 * t);
    let v = 0;
    for (let k = 1; k * f0 < maxHz; k++) v += (formant(k * f0) / Math.sqrt(k)) * Math.sin(k * phase);
    y[i] = syllable * v;
  }
  const random = createRandom(13);
  for (let f = 100; f < maxHz; f += 37) {
    const a = 0.02 * random.next();
    const p = 2 * Math.PI * random.next();
    for (let i = 0; i < n; i++) y[i]! += a * Math.sin((2 * Math.PI * f * i) / rate + p);
  }
  let peak = 0;
  for (const v of y) peak = Math.max(peak, Math.abs(v));
  return toInt16(Array.from(y, (v) => (v * 16000) / peak));
}

/** libsamplerate best quality over the whole signal, in PCM16 units, not rounded. */
async function reference(x: Int16Array, from: number, to: number): Promise<Float32Array> {
  const src = await lsr.create(1, from, to, { converterType: lsr.ConverterType.SRC_SINC_BEST_QUALITY });
  const f = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) f[i] = (x[i] ?? 0) / 32768;
  const y = src.simple(f);
  src.destroy();
  return y.map((v) => v * 32768);
}

function snrDb(y: Int16Array, ref: Float32Array): number {
  const n = Math.min(y.length, ref.length);
  let signal = 0;
  let noise = 0;
  for (let i = Math.floor(0.1 * n); i < Math.floor(0.9 * n); i++) {
    const r = ref[i] ?? 0;
    signal += r * r;
    noise += ((y[i] ?? 0) - r) ** 2;
  }
  return noise === 0 ? Number.POSITIVE_INFINITY : 10 * Math.log10(signal / noise);
}

function cpuXRealtime(way: Way, x: Int16Array, from: number, to: number): number {
  const c0 = process.cpuUsage();
  way.convert(x, from, to);
  const c = process.cpuUsage(c0);
  return x.length / from / ((c.user + c.system) / 1e6);
}

/** Every candidate and mode, both directions, both signals. */
export async function resamplerQuality(opts: { repeats: number }): Promise<QualityResult> {
  const rows: QualityRow[] = [];
  const pairs = [...INPUT_RATES.map((r) => [r, WIRE] as const), ...OUTPUT_RATES.map((r) => [WIRE, r] as const)];
  for (const [from, to] of pairs) {
    const maxHz = 0.85 * (Math.min(from, to) / 2);
    const signals: Record<Signal, Int16Array> = { tone: tone(from), speech: speech(from, maxHz) };
    const refs = { tone: await reference(signals.tone, from, to), speech: await reference(signals.speech, from, to) };
    // The client streams only into 24 kHz; the simulator converts whole files into it and chunks out of it.
    const modes: Mode[] = to === WIRE ? ['stream', 'whole'] : ['chunks', 'whole'];
    const long = speech(from, maxHz, 10);
    for (const mode of modes) {
      for (const way of [sinc(mode), wave(mode)]) {
        const toneOut = way.convert(signals.tone, from, to);
        const speechOut = way.convert(signals.speech, from, to);
        way.convert(long, from, to); // warm-up
        const speeds: number[] = [];
        for (let i = 0; i < opts.repeats; i++) speeds.push(cpuXRealtime(way, long, from, to));
        rows.push({
          from,
          to,
          resampler: way.resampler,
          mode,
          toneSnrDb: snrDb(toneOut, refs.tone),
          speechSnrDb: snrDb(speechOut, refs.speech),
          lengthRatio: speechOut.length / refs.speech.length,
          xRealtime: median(speeds),
        });
      }
    }
  }
  const ours = rows.filter((r) => r.resampler === 'rt-sim sinc').map((r) => r.toneSnrDb);
  const targets = [atLeast('rt-sim resampler tone SNR, worst row', Math.min(...ours), MIN_TONE_SNR_DB, 'dB')];
  return { repeats: opts.repeats, rows, targets };
}

export function formatResamplerQuality(r: QualityResult): string {
  return [
    `Resampler quality: SNR against libsamplerate SINC_BEST_QUALITY (2 s signals), speed on 10 s of speech,` +
      ` median of ${r.repeats} (CPU time)`,
    table(
      ['from Hz', 'to Hz', 'resampler', 'mode', 'tone SNR dB', 'speech SNR dB', 'length', 'x realtime'],
      r.rows.map((x) => [
        String(x.from),
        String(x.to),
        x.resampler,
        x.mode,
        x.toneSnrDb.toFixed(1),
        x.speechSnrDb.toFixed(1),
        x.lengthRatio.toFixed(4),
        x.xRealtime.toFixed(0),
      ]),
    ),
  ].join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(formatResamplerQuality(await resamplerQuality({ repeats: 3 })));
}
