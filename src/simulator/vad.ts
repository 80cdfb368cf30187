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

/** Speech probability of a frame of PCM16 samples (see the file comment). */
export function speechProbability(samples: ArrayLike<number>, floorDb: number): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    const s = (samples[i] ?? 0) / 32768;
    sum += s * s;
  }
  const rms = Math.sqrt(sum / samples.length);
  if (rms === 0) return 0;
  const db = 20 * Math.log10(rms);
  return Math.max(0, Math.min(1, 1 - db / floorDb));
}

/** An energy detector over one input stream. */
export class EnergyVad {
  private pending: number[] = [];
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

  /** Feeds samples at `rate` Hz; returns what the new frames showed, in order. */
  process(samples: Int16Array, rate: number): VadEvent[] {
    if (rate !== this.pendingRate) {
      this.pending = [];
      this.pendingRate = rate;
    }
    const frameSamples = Math.max(1, Math.round((rate * FRAME_MS) / 1000));
    const frameMs = (frameSamples * 1000) / rate;
    const events: VadEvent[] = [];
    let offset = 0;
    // Complete the frame left over from the previous call first.
    if (this.pending.length > 0) {
      const need = frameSamples - this.pending.length;
      for (let i = 0; i < need && i < samples.length; i++) this.pending.push(samples[i] ?? 0);
      offset = Math.min(need, samples.length);
      if (this.pending.length < frameSamples) return events;
      this.frame(this.pending, frameMs, events);
      this.pending = [];
    }
    for (; offset + frameSamples <= samples.length; offset += frameSamples) {
      this.frame(samples.subarray(offset, offset + frameSamples), frameMs, events);
    }
    for (; offset < samples.length; offset++) this.pending.push(samples[offset] ?? 0);
    return events;
  }

  private frame(frame: ArrayLike<number>, frameMs: number, events: VadEvent[]): void {
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
