import type { InputAudioTranscription, ServerVadTurnDetection } from './session.js';

/** Sample rate of every PCM16 frame the plugin sends and receives (reference §1.5). */
export const SAMPLE_RATE = 24000;
/** Mono in both directions. */
export const NUM_CHANNELS = 1;
/** PCM16: two bytes per sample, little-endian. */
export const BYTES_PER_SAMPLE = 2;
/** Samples in one `input_audio_buffer.append` (R6.2): 100 ms at 24 kHz. */
export const CHUNK_SAMPLES = 2400;
/** Bytes in one `input_audio_buffer.append` (R6.2): 2400 samples × 2 bytes. */
export const CHUNK_BYTES = CHUNK_SAMPLES * NUM_CHANNELS * BYTES_PER_SAMPLE;
/** Milliseconds of audio in one append chunk. */
export const CHUNK_MS = 100;

/** xAI realtime endpoint (reference §1.1). */
export const XAI_BASE_URL = 'wss://api.x.ai/v1/realtime';
/** Model hard-coded by the reference plugin (R1.2). */
export const XAI_DEFAULT_MODEL = 'grok-4-1-fast-non-reasoning';
/** Voices listed by xAI's Dec-2025 docs (reference §1.4). Any other string is passed through. */
export const XAI_VOICES = ['ara', 'eve', 'leo', 'rex', 'sal'] as const;
/** One of {@link XAI_VOICES}. */
export type XaiVoice = (typeof XAI_VOICES)[number];
/** Default voice of the reference plugin (R1.1). */
export const XAI_DEFAULT_VOICE: XaiVoice = 'ara';

/** The plugin's default turn detection (reference §1.6); `idle_timeout_ms` is left out on purpose. */
export const XAI_DEFAULT_TURN_DETECTION: Readonly<ServerVadTurnDetection> = Object.freeze({
  type: 'server_vad',
  threshold: 0.5,
  prefix_padding_ms: 300,
  silence_duration_ms: 200,
  create_response: true,
  interrupt_response: true,
});

/**
 * What xAI's server assumes for knobs the client leaves out (reference §1.6 table). The
 * docs give no server default for `silence_duration_ms`, so it is absent here.
 */
export const XAI_SERVER_VAD_DEFAULTS: Readonly<{ threshold: number; prefix_padding_ms: number }> = Object.freeze({
  threshold: 0.85,
  prefix_padding_ms: 333,
});

/** Documented ranges of the server-VAD knobs (reference §1.6), both ends inclusive. */
export const XAI_SERVER_VAD_LIMITS: Readonly<
  Record<'threshold' | 'silence_duration_ms' | 'prefix_padding_ms', readonly [number, number]>
> = Object.freeze({
  threshold: [0.1, 0.9] as const,
  silence_duration_ms: [0, 10000] as const,
  prefix_padding_ms: [0, 10000] as const,
});

/** Rates xAI accepts for `audio/pcm` (reference §1.5). G.711 formats are always 8000 Hz. */
export const SUPPORTED_PCM_RATES = [8000, 16000, 22050, 24000, 32000, 44100, 48000] as const;
/** One of {@link SUPPORTED_PCM_RATES}. */
export type PcmRate = (typeof SUPPORTED_PCM_RATES)[number];
/** Rate of `audio/pcmu` and `audio/pcma`. */
export const G711_RATE = 8000;

/** Text of the error a `response.cancel` with nothing to cancel gets (reference §1.9, §4.2). */
export const CANCEL_FAILED_MESSAGE = 'Cancellation failed: no active response found';

/** Input transcription the reference plugin sends (R1.3): the OpenAI default, not an xAI model. */
export const DEFAULT_TRANSCRIPTION: Readonly<InputAudioTranscription> = Object.freeze({
  model: 'gpt-4o-mini-transcribe',
});
