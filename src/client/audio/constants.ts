import { CHUNK_BYTES, CHUNK_SAMPLES, SAMPLE_RATE } from '../../protocol/index.js';

/** Wire rate of `audio/pcm` as the client uses it (reference §1.5). */
export const WIRE_SAMPLE_RATE = SAMPLE_RATE;
export { CHUNK_BYTES, CHUNK_SAMPLES };
/** Samples of 24 kHz audio per millisecond. */
export const SAMPLES_PER_MS = WIRE_SAMPLE_RATE / 1000;
