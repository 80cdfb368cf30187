/**
 * The input audio buffer of one session: how much uncommitted audio it holds and where the
 * stream stands, plus the voice-activity detector that watches every appended sample.
 * Only durations are kept; the simulator never needs the user's audio back.
 */
import type { AudioFormat } from '../protocol/index.js';
import { bytesPerSample, decodeAudio, formatRate, sampleReader } from './audio-format.js';
import type { VadEvent, VadSettings } from './vad.js';
import { EnergyVad } from './vad.js';

/** A span of the input stream, in ms since the session's first input sample. */
export interface AudioSpan {
  startMs: number;
  endMs: number;
}

/** The input buffer of a session. */
export class InputBuffer {
  private totalMs = 0;
  private startMs = 0;
  private readonly vad: EnergyVad;

  constructor(vad: VadSettings) {
    this.vad = new EnergyVad(vad);
  }

  /** Milliseconds of audio appended and not yet committed or cleared. */
  get bufferedMs(): number {
    return this.totalMs - this.startMs;
  }

  /** Where the uncommitted audio starts. */
  get bufferStartMs(): number {
    return this.startMs;
  }

  /** True while the detector is inside speech. */
  get inSpeech(): boolean {
    return this.vad.inSpeech;
  }

  /** Applies new VAD knobs. */
  configure(vad: VadSettings): void {
    this.vad.configure(vad);
  }

  /**
   * Appends raw bytes in `format`. With `detect` the detector's events are returned (start
   * times never reach back before the uncommitted audio); without, speech is not tracked.
   */
  append(bytes: Uint8Array, format: AudioFormat, detect: boolean): VadEvent[] {
    const rate = formatRate(format);
    const count = Math.floor(bytes.length / bytesPerSample(format));
    this.totalMs += (count * 1000) / rate;
    if (!detect) {
      // Only the samples the pending frame keeps are read: a 4,800-byte array per append was
      // decoded for at most 240 of them (and allocated off-heap, ten times a second per session).
      this.vad.skip(count, rate, sampleReader(bytes, format));
      this.vad.reset();
      return [];
    }
    const events = this.vad.process(decodeAudio(bytes, format), rate);
    return events.map((e) =>
      e.type === 'speech_started' ? { ...e, audioStartMs: Math.max(e.audioStartMs, Math.round(this.startMs)) } : e,
    );
  }

  /** Commits everything buffered. */
  commitAll(): AudioSpan {
    const span = { startMs: Math.round(this.startMs), endMs: Math.round(this.totalMs) };
    this.startMs = this.totalMs;
    this.vad.reset();
    return span;
  }

  /** Commits the audio up to `endMs` (server VAD); later audio stays buffered. */
  commitUntil(endMs: number): AudioSpan {
    const span = { startMs: Math.round(this.startMs), endMs };
    this.startMs = Math.min(Math.max(this.startMs, endMs), this.totalMs);
    return span;
  }

  /** Drops the buffered audio. */
  clear(): void {
    this.startMs = this.totalMs;
    this.vad.reset();
  }

  /** Current end of the input stream, in ms. */
  get positionMs(): number {
    return Math.round(this.totalMs);
  }
}
