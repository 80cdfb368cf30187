/**
 * Input audio of the realtime client (reference §5.6, R6.1–R6.5): frames, downmix,
 * resampling to 24 kHz, 100 ms chunking and the commit counter.
 */
export { appendEvent, bytesToBase64, eventText } from './append.js';
export { AudioInput, type AudioCommit } from './audio-input.js';
export { ByteChunker } from './chunker.js';
export { downmixToMono } from './downmix.js';
export { createAudioFrame, validateAudioFrame, SUPPORTED_INPUT_RATES, type AudioFrame } from './frame.js';
export { bytesToPcm16, pcm16ToBytes } from '../../audio/index.js';
export { createResampler, type Resampler, type SincOptions } from '../../audio/index.js';
