/**
 * What the server heard: a streaming measure of the input audio a client appended, for the
 * `inputAudio` expectation. Byte counts and timing say nothing of the sound itself, so a
 * client that keeps one stereo channel, sums without averaging or resamples to the wrong
 * rate passes them; the pitch and level of the sound it sends give it away, whatever
 * resampler it uses.
 *
 * Written here rather than taken from a pitch package (pitchfinder and the like estimate per
 * frame, from the whole signal): this is a zero-crossing count and a mean square over 10 ms
 * windows, in constant memory however long the input.
 */

/** The input audio's sound, measured over its 10 ms windows louder than {@link SOUND_FLOOR_DBFS}. */
export interface InputSound {
  /** How long the sound lasted, in ms (a multiple of 10). */
  soundMs: number;
  /**
   * Zero crossings per second over the sound, halved: the fundamental of a tone or of a voiced
   * sound; 0 without crossings.
   */
  hz: number;
  /** RMS level of the sound in dBFS (full-scale sine: -3 dBFS); -Infinity without sound. */
  dbfs: number;
}

/** What the server heard when it heard no sound at all. */
export const NO_SOUND: Readonly<InputSound> = { soundMs: 0, hz: 0, dbfs: -Infinity };

/** A window quieter than this is silence (the simulator's VAD starts at -30 dBFS). */
export const SOUND_FLOOR_DBFS = -50;

const WINDOW_MS = 10;

/** Windows whose level differs from a neighbour's by more than this are onsets or decays, left out of the pitch. */
const STEADY_DB = 3;
/** Crossings count with hysteresis: the signal must pass ±this share of the window's peak-equivalent level (RMS·√2). */
const HYSTERESIS = 0.3;

interface Window {
  samples: Int16Array;
  /** Mean square, in squared sample units. */
  meanSquare: number;
}

/** Any window under the floor: its level only ever decides that it is not sound. */
const QUIET: Window = { samples: new Int16Array(0), meanSquare: 0 };

/** Measures PCM16 mono input, pushed in pieces of any size, at `sampleRate`. */
export class InputSoundMeter {
  readonly #size: number;
  readonly #floor: number;
  readonly #rate: number;
  #filling: Int16Array;
  #filled = 0;
  #soundWindows = 0;
  #sumSquares = 0;
  /**
   * The last two windows: the pitch of a window is taken once its successor is known, and
   * only from steady sound (neither neighbour silent or more than {@link STEADY_DB} away):
   * the ramps and a resampler's ringing at a sound's edges would add crossings.
   */
  #before: Window | undefined;
  #middle: Window | undefined;
  /** Half periods between the first and last crossing of each steady window, and the samples they span. */
  #halfPeriods = 0;
  #span = 0;

  constructor(sampleRate: number) {
    this.#rate = sampleRate;
    this.#size = Math.max(1, Math.round((sampleRate * WINDOW_MS) / 1000));
    this.#filling = new Int16Array(this.#size);
    // Mean square of a window at the floor, in squared sample units.
    this.#floor = 32768 * 32768 * 10 ** (SOUND_FLOOR_DBFS / 10);
  }

  /**
   * Adds samples; a window is measured once it is full. Whole windows are measured in place,
   * as views of `samples` (kept until two more windows came), so the caller must not change
   * them afterwards: the observer hands over each append's freshly decoded samples.
   */
  push(samples: Int16Array): void {
    const size = this.#size;
    let at = 0;
    while (at < samples.length) {
      if (this.#filled === 0 && samples.length - at >= size) {
        // Copying every window was most of the meter's time on a conversation's run.
        this.#measure(samples, at, at + size);
        at += size;
        continue;
      }
      const take = Math.min(size - this.#filled, samples.length - at);
      this.#filling.set(samples.subarray(at, at + take), this.#filled);
      this.#filled += take;
      at += take;
      if (this.#filled === size) {
        if (this.#measure(this.#filling, 0, size)) this.#filling = new Int16Array(size);
        this.#filled = 0;
      }
    }
  }

  /** The sound so far (a partly filled last window is left out). */
  result(): InputSound {
    const samples = this.#soundWindows * this.#size;
    if (samples === 0) return { ...NO_SOUND };
    return {
      soundMs: this.#soundWindows * WINDOW_MS,
      hz: this.#span === 0 ? 0 : this.#halfPeriods / 2 / (this.#span / this.#rate),
      dbfs: 10 * Math.log10(this.#sumSquares / samples / (32768 * 32768)),
    };
  }

  /**
   * Measures `samples[from, to)`, one whole window; returns whether it kept a view of them. A
   * window under the floor (most of a conversation's input is silence) becomes the shared
   * {@link QUIET} window: no neighbour of it is steady, so neither its samples nor its exact
   * level are ever read again.
   */
  #measure(samples: Int16Array, from: number, to: number): boolean {
    let squares = 0;
    for (let i = from; i < to; i++) {
      const x = samples[i]!;
      squares += x * x;
    }
    const meanSquare = squares / (to - from);
    let next = QUIET;
    if (meanSquare >= this.#floor) {
      this.#soundWindows++;
      this.#sumSquares += squares;
      next = { samples: samples.subarray(from, to), meanSquare };
    }
    if (this.#middle && this.#steady(this.#before, this.#middle, next)) this.#countCrossings(this.#middle);
    this.#before = this.#middle;
    this.#middle = next;
    return next !== QUIET;
  }

  #steady(before: Window | undefined, middle: Window, after: Window): boolean {
    if (before === undefined) return false;
    const floor = this.#floor;
    if (before.meanSquare < floor || middle.meanSquare < floor || after.meanSquare < floor) return false;
    const db = 10 * Math.log10(middle.meanSquare);
    return (
      Math.abs(db - 10 * Math.log10(before.meanSquare)) <= STEADY_DB &&
      Math.abs(db - 10 * Math.log10(after.meanSquare)) <= STEADY_DB
    );
  }

  /** Crossings through ±h (rising past +h, falling past -h): for a sine, one half period apart. */
  #countCrossings(w: Window): void {
    const h = HYSTERESIS * Math.sqrt(2 * w.meanSquare);
    let side = 0;
    let count = 0;
    let first = 0;
    let last = 0;
    for (let i = 0; i < w.samples.length; i++) {
      const x = w.samples[i]!;
      const now = x > h ? 1 : x < -h ? -1 : side;
      if (now !== side) {
        if (side !== 0) {
          if (count === 0) first = i;
          last = i;
          count++;
        }
        side = now;
      }
    }
    if (count >= 2) {
      this.#halfPeriods += count - 1;
      this.#span += last - first;
    }
  }
}
