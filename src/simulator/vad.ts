/**
 * Server voice-activity detection computed from the audio itself, in 10 ms frames: a frame
 * is speech when its level, mapped to a probability, reaches `threshold`. The level of a
 * frame is its RMS in dBFS; `floorDb` maps to 0 and 0 dBFS to 1, linearly in between, so
 * with the default floor of -60 dB a threshold of 0.5 means -30 dBFS.
 */

/** The knobs of the detector, from the session's `turn_detection` and the server config. */
export interface VadSettings {
  threshold: number;
  prefixPaddingMs: number;
  silenceDurationMs: number;
  floorDb: number;
}

/** What the detector saw. Times are ms since the first sample the detector was given. */
export type VadEvent =
  | { type: 'speech_started'; audioStartMs: number }
  | { type: 'speech_stopped'; audioEndMs: number };

const FRAME_MS = 10;

/**
 * Speech probability of a frame of PCM16 samples (see the file comment). The squares are summed
 * as integers and scaled once: the same number as summing `(x / 32768)²`, whose partial sums
 * are exact too (multiples of 2⁻³⁰ below 2⁹ for frames of up to 480 samples).
 */
export function speechProbability(samples: Int16Array, floorDb: number): number {
  const n = samples.length;
  if (n === 0) return 0;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const x = samples[i]!;
    squares += x * x;
  }
  const rms = Math.sqrt(squares / 1073741824 / n);
  if (rms === 0) return 0;
  const db = 20 * Math.log10(rms);
  return Math.max(0, Math.min(1, 1 - db / floorDb));
}

/** An energy detector over one input stream. */
export class EnergyVad {
  /** The start of a frame left over from the previous call (`pendingLength` samples). */
  private pending = new Int16Array(0);
  private pendingLength = 0;
  private pendingRate = 0;
  private positionMs = 0;
  private speaking = false;
  private silenceMs = 0;

  constructor(private settings: VadSettings) {}

  /** True between `speech_started` and `speech_stopped`. */
  get inSpeech(): boolean {
    return this.speaking;
  }

  /** Applies new knobs (a `session.update`); the current state is kept. */
  configure(settings: VadSettings): void {
    this.settings = settings;
  }

  /** Forgets speech in progress (commit, clear). The stream position keeps counting. */
  reset(): void {
    this.speaking = false;
    this.silenceMs = 0;
  }

  /**
   * Feeds samples at `rate` Hz; returns what the new frames showed, in order. With turn
   * detection off, {@link skip} them instead.
   */
  process(samples: Int16Array, rate: number): VadEvent[] {
    const frameSamples = this.frameSamplesAt(rate);
    const frameMs = (frameSamples * 1000) / rate;
    const events: VadEvent[] = [];
    let offset = 0;
    // Complete the frame left over from the previous call first.
    if (this.pendingLength > 0) {
      offset = Math.min(frameSamples - this.pendingLength, samples.length);
      this.pending.set(samples.subarray(0, offset), this.pendingLength);
      this.pendingLength += offset;
      if (this.pendingLength < frameSamples) return events;
      this.frame(this.pending, frameMs, events);
      this.pendingLength = 0;
    }
    for (; offset + frameSamples <= samples.length; offset += frameSamples) {
      this.frame(samples.subarray(offset, offset + frameSamples), frameMs, events);
    }
    this.pending.set(samples.subarray(offset), 0);
    this.pendingLength = samples.length - offset;
    return events;
  }

  /**
   * `count` samples at `rate` Hz with turn detection off (the caller resets after), read through
   * `sampleAt`: their frames only move the stream position on, which is all a reset leaves of
   * them, without their level being measured, and only the samples that complete the pending
   * frame or are left over are read. The input buffer reads no more than those of an append's
   * bytes, instead of decoding all of it for them.
   */
  skip(count: number, rate: number, sampleAt: (i: number) => number): void {
    const frameSamples = this.frameSamplesAt(rate);
    const frameMs = (frameSamples * 1000) / rate;
    let offset = 0;
    if (this.pendingLength > 0) {
      offset = Math.min(frameSamples - this.pendingLength, count);
      for (let i = 0; i < offset; i++) this.pending[this.pendingLength + i] = sampleAt(i);
      this.pendingLength += offset;
      if (this.pendingLength < frameSamples) return;
      this.positionMs += frameMs;
      this.pendingLength = 0;
    }
    // One addition per frame, as measured frames add up: the same position to the last bit.
    for (; offset + frameSamples <= count; offset += frameSamples) this.positionMs += frameMs;
    for (let i = offset; i < count; i++) this.pending[i - offset] = sampleAt(i);
    this.pendingLength = count - offset;
  }

  /** Samples per 10 ms frame at `rate`; a new rate starts a new, empty pending frame. */
  private frameSamplesAt(rate: number): number {
    const frameSamples = Math.max(1, Math.round((rate * FRAME_MS) / 1000));
    if (rate !== this.pendingRate) {
      this.pending = new Int16Array(frameSamples);
      this.pendingLength = 0;
      this.pendingRate = rate;
    }
    return frameSamples;
  }

  private frame(frame: Int16Array, frameMs: number, events: VadEvent[]): void {
    const start = this.positionMs;
    this.positionMs += frameMs;
    const speech = speechProbability(frame, this.settings.floorDb) >= this.settings.threshold;
    if (!this.speaking) {
      if (speech) {
        this.speaking = true;
        this.silenceMs = 0;
        events.push({
          type: 'speech_started',
          audioStartMs: Math.max(0, Math.round(start - this.settings.prefixPaddingMs)),
        });
      }
      return;
    }
    if (speech) {
      this.silenceMs = 0;
      return;
    }
    this.silenceMs += frameMs;
    if (this.silenceMs >= this.settings.silenceDurationMs) {
      this.speaking = false;
      this.silenceMs = 0;
      events.push({ type: 'speech_stopped', audioEndMs: Math.round(this.positionMs) });
    }
  }
}
