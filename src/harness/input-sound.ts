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
  /** Zero crossings per second over the sound, halved: the fundamental of a tone or of a voiced sound; 0 without crossings. */
  hz: number;
  /** RMS level of the sound in dBFS (full-scale sine: -3 dBFS); -Infinity without sound. */
  dbfs: number;
}

/** A window quieter than this is silence (the simulator's VAD starts at -30 dBFS). */
export const SOUND_FLOOR_DBFS = -50;

const WINDOW_MS = 10;

/** Measures PCM16 mono input, pushed in pieces of any size, at `sampleRate`. */
export class InputSoundMeter {
  readonly #window: number;
  readonly #floor: number;
  readonly #rate: number;
  readonly #buffer: Int16Array;
  #filled = 0;
  /** The last sample of the previous window, when that window was sound (a crossing may span the two). */
  #lastSound: number | undefined;
  #soundWindows = 0;
  #sumSquares = 0;
  /** Samples measured so far: the position of the next window. */
  #pos = 0;
  /** Zero crossings of the sound so far: half periods between the first and last crossing of each run of sound, and the samples they span. */
  #halfPeriods = 0;
  #span = 0;
  /** The run of sound going on: its crossings and where its first and last one were. */
  #run = { crossings: 0, first: 0, last: 0 };

  constructor(sampleRate: number) {
    this.#rate = sampleRate;
    this.#window = Math.max(1, Math.round((sampleRate * WINDOW_MS) / 1000));
    this.#buffer = new Int16Array(this.#window);
    // Mean square of a window at the floor, in squared sample units.
    this.#floor = 32768 * 32768 * 10 ** (SOUND_FLOOR_DBFS / 10);
  }

  /** Adds samples; a window is measured once it is full. */
  push(samples: Int16Array): void {
    for (let i = 0; i < samples.length; i++) {
      this.#buffer[this.#filled++] = samples[i] ?? 0;
      if (this.#filled === this.#window) {
        this.#measure();
        this.#filled = 0;
      }
    }
  }

  /** The sound so far (a partly filled last window is left out). */
  result(): InputSound {
    const samples = this.#soundWindows * this.#window;
    if (samples === 0) return { soundMs: 0, hz: 0, dbfs: -Infinity };
    const run = this.#run.crossings >= 2 ? this.#run : { crossings: 1, first: 0, last: 0 };
    const halfPeriods = this.#halfPeriods + run.crossings - 1;
    const span = this.#span + run.last - run.first;
    return {
      soundMs: this.#soundWindows * WINDOW_MS,
      // From the first to the last crossing of each run: counting crossings over the whole
      // run would be up to one half period short per run.
      hz: span === 0 ? 0 : halfPeriods / 2 / (span / this.#rate),
      dbfs: 10 * Math.log10(this.#sumSquares / samples / (32768 * 32768)),
    };
  }

  #measure(): void {
    const w = this.#buffer;
    const start = this.#pos;
    this.#pos += w.length;
    let squares = 0;
    for (let i = 0; i < w.length; i++) squares += (w[i] ?? 0) * (w[i] ?? 0);
    if (squares / w.length < this.#floor) {
      this.#endRun();
      return;
    }
    const run = this.#run;
    let previous = this.#lastSound;
    for (let i = 0; i < w.length; i++) {
      const s = w[i] ?? 0;
      if (previous !== undefined && previous < 0 !== s < 0) {
        if (run.crossings === 0) run.first = start + i;
        run.last = start + i;
        run.crossings++;
      }
      previous = s;
    }
    this.#soundWindows++;
    this.#sumSquares += squares;
    this.#lastSound = w[w.length - 1];
  }

  /** A silent window ends the run of sound: its crossings count from its first to its last. */
  #endRun(): void {
    this.#lastSound = undefined;
    if (this.#run.crossings >= 2) {
      this.#halfPeriods += this.#run.crossings - 1;
      this.#span += this.#run.last - this.#run.first;
    }
    this.#run = { crossings: 0, first: 0, last: 0 };
  }
}
