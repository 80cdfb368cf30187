import { RtSimError, SUPPORTED_PCM_RATES } from '../../protocol/index.js';

/** Input sample rates accepted by `AudioInput`: the `audio/pcm` rates of reference §1.5. */
export const SUPPORTED_INPUT_RATES: readonly number[] = SUPPORTED_PCM_RATES;

/**
 * One block of interleaved PCM16 audio, shaped like LiveKit's `AudioFrame`.
 * `data.length === samplesPerChannel * numChannels`.
 */
export interface AudioFrame {
  /** Interleaved signed 16-bit samples (L R L R … for stereo). */
  data: Int16Array;
  /** Samples per second per channel. */
  sampleRate: number;
  /** 1 (mono) or 2 (stereo). */
  numChannels: number;
  /** Samples in each channel. */
  samplesPerChannel: number;
}

/**
 * Builds an {@link AudioFrame} and checks it. When `samplesPerChannel` is given it must match
 * the data length; otherwise it is derived from it.
 *
 * @throws RtSimError `RTSIM_AUDIO_BAD_FRAME` for an unsupported rate or channel count, or data
 *   whose length is not a whole number of samples per channel.
 */
export function createAudioFrame(
  data: Int16Array,
  sampleRate: number,
  numChannels: number,
  samplesPerChannel?: number,
): AudioFrame {
  const spc = samplesPerChannel ?? (numChannels > 0 ? data.length / numChannels : Number.NaN);
  const frame: AudioFrame = { data, sampleRate, numChannels, samplesPerChannel: spc };
  validateAudioFrame(frame);
  return frame;
}

/**
 * Checks a frame built elsewhere (frames are plain objects, so callers may hand-build them).
 *
 * @throws RtSimError `RTSIM_AUDIO_BAD_FRAME` naming the bad field, what was expected and what came.
 */
export function validateAudioFrame(frame: AudioFrame): void {
  // The hot path (every 10 ms frame) is these comparisons; the closure and the message
  // are built only for a frame that fails them.
  if (
    frame.data instanceof Int16Array &&
    (frame.numChannels === 1 || frame.numChannels === 2) &&
    Number.isInteger(frame.samplesPerChannel) &&
    frame.samplesPerChannel >= 0 &&
    frame.data.length === frame.samplesPerChannel * frame.numChannels &&
    SUPPORTED_INPUT_RATES.includes(frame.sampleRate)
  ) {
    return;
  }
  const bad = (message: string): never => {
    throw new RtSimError('RTSIM_AUDIO_BAD_FRAME', `audio frame: ${message}`, {
      sampleRate: frame.sampleRate,
      numChannels: frame.numChannels,
      samplesPerChannel: frame.samplesPerChannel,
      length: frame.data instanceof Int16Array ? frame.data.length : undefined,
    });
  };
  if (!(frame.data instanceof Int16Array)) {
    bad(`data must be an Int16Array of interleaved PCM16, got ${describe(frame.data)}`);
  }
  if (!SUPPORTED_INPUT_RATES.includes(frame.sampleRate)) {
    bad(`sampleRate must be one of ${SUPPORTED_INPUT_RATES.join(', ')} Hz, got ${String(frame.sampleRate)}`);
  }
  if (frame.numChannels !== 1 && frame.numChannels !== 2) {
    bad(`numChannels must be 1 or 2, got ${String(frame.numChannels)}`);
  }
  if (!Number.isInteger(frame.samplesPerChannel) || frame.samplesPerChannel < 0) {
    // A count derived from data that does not divide, or one given that is no count at all.
    bad(
      Number.isInteger(frame.data.length / frame.numChannels)
        ? `samplesPerChannel must be a non-negative integer, got ${String(frame.samplesPerChannel)}`
        : `data length must be a whole number of samples per channel: ${frame.data.length} samples ` +
            `do not divide into ${frame.numChannels} channel(s)`,
    );
  }
  if (frame.data.length !== frame.samplesPerChannel * frame.numChannels) {
    bad(
      `data length must equal samplesPerChannel * numChannels = ` +
        `${frame.samplesPerChannel} * ${frame.numChannels} = ${frame.samplesPerChannel * frame.numChannels}, ` +
        `got ${frame.data.length}`,
    );
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}
