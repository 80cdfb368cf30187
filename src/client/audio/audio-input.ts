import { ByteChunker } from './chunker.js';
import { CHUNK_BYTES, CHUNK_SAMPLES, SAMPLES_PER_MS, WIRE_SAMPLE_RATE } from './constants.js';
import { downmixToMono } from './downmix.js';
import { validateAudioFrame, type AudioFrame } from './frame.js';
import { createResampler, pcm16BytesView, pcm16ToBytes, type Resampler } from '../../audio/index.js';

/** What {@link AudioInput.commit} decided. */
export interface AudioCommit {
  /**
   * Audio still held locally (chunker tail plus the resampler's look-ahead tail), to send as a
   * final `input_audio_buffer.append` before the commit; null when nothing is held or when
   * `commit` is false. Usually shorter than 4800 bytes; it can exceed 4800 by at most the
   * resampler tail (under 100 bytes), since it is one append by design.
   */
  remainder: Uint8Array | null;
  /** True when `input_audio_buffer.commit` should be sent. */
  commit: boolean;
}

/** Minimum audio for a commit: 100 ms, 2400 samples at 24 kHz (rt-sim fix of §8.10). */
const MIN_COMMIT_SAMPLES = CHUNK_SAMPLES;

/**
 * The client's input audio path (reference §5.6): downmix and resample to 24 kHz mono (R6.1),
 * cut into 4800-byte appends (R6.2), and count what was sent since the last commit or clear
 * (R6.3) to decide commits (R6.4) and clears (R6.5).
 *
 * rt-sim deviations from the reference, on purpose:
 * - stereo is averaged to mono before resampling (the reference resamples interleaved
 *   stereo as if it were mono);
 * - on a sample-rate change the old resampler is flushed, not dropped, so no audio is lost;
 * - §8.9: `commit()` returns the chunker remainder and resampler tail as a final short append;
 * - §8.10: a commit needs at least 100 ms (appends plus that remainder), not more than 100 ms;
 * - `clear()` drops the local remainder too, so a cleared turn cannot leak into the next one.
 */
export class AudioInput {
  private readonly chunker = new ByteChunker(CHUNK_BYTES);
  private resampler: Resampler | null = null;
  private appendedSamples = 0;
  /** Reused for the downmix of stereo frames: the resampler and the chunker copy what they keep. */
  private mono = new Int16Array(0);

  /**
   * Takes one frame and returns the full 4800-byte appends it completed (little-endian PCM16,
   * 24 kHz mono), in order.
   *
   * @throws RtSimError `RTSIM_AUDIO_BAD_FRAME` for an invalid frame.
   */
  push(frame: AudioFrame): Uint8Array[] {
    validateAudioFrame(frame);
    const chunks: Uint8Array[] = [];
    if (this.resampler && this.resampler.inputRate !== frame.sampleRate) {
      this.chunker.push(pcm16BytesView(this.resampler.flush()), chunks);
      this.resampler = null;
    }
    if (frame.numChannels === 2 && this.mono.length < frame.samplesPerChannel) {
      this.mono = new Int16Array(frame.samplesPerChannel);
    }
    const mono = downmixToMono(frame, this.mono);
    if (frame.sampleRate === WIRE_SAMPLE_RATE) {
      this.chunker.push(pcm16BytesView(mono), chunks);
    } else {
      this.resampler ??= createResampler(frame.sampleRate, WIRE_SAMPLE_RATE);
      this.chunker.push(pcm16BytesView(this.resampler.pushView(mono)), chunks);
    }
    this.appendedSamples += chunks.length * CHUNK_SAMPLES;
    return chunks;
  }

  /**
   * Ends the user turn when at least 100 ms was pushed since the last commit or clear:
   * returns the local remainder to append first and `commit: true`, and resets the counter.
   * Below 100 ms nothing changes and `{ remainder: null, commit: false }` comes back.
   */
  commit(): AudioCommit {
    const total = this.appendedSamples + this.chunker.pendingBytes / 2 + (this.resampler?.pendingOutput ?? 0);
    if (total < MIN_COMMIT_SAMPLES) return { remainder: null, commit: false };
    const pending = this.chunker.flush();
    const tail = this.resampler ? pcm16ToBytes(this.resampler.flush()) : new Uint8Array(0);
    this.appendedSamples = 0;
    return { remainder: concat(pending, tail), commit: true };
  }

  /** Forgets the current turn: resets the counter and drops local audio not yet sent (R6.5, fixed). */
  clear(): void {
    this.appendedSamples = 0;
    this.chunker.reset();
    this.resampler = null;
  }

  /** Milliseconds of audio sent in appends since the last commit or clear: 100 per append (R6.3). */
  get pushedMs(): number {
    return this.appendedSamples / SAMPLES_PER_MS;
  }

  /** Milliseconds of audio held locally (chunker tail and resampler look-ahead), not yet appended. */
  get bufferedMs(): number {
    return (this.chunker.pendingBytes / 2 + (this.resampler?.pendingOutput ?? 0)) / SAMPLES_PER_MS;
  }
}

function concat(a: Uint8Array | null, b: Uint8Array): Uint8Array | null {
  const alen = a?.length ?? 0;
  if (alen + b.length === 0) return null;
  if (b.length === 0 && a) return a;
  const out = new Uint8Array(alen + b.length);
  if (a) out.set(a);
  out.set(b, alen);
  return out;
}
