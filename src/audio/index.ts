/**
 * Audio at the bottom of rt-sim, beside protocol and clock: the one resampler, the one WAV
 * reader (wav-decoder) and writer, PCM16 bytes, and G.711. The client, the simulator, the
 * transcripts and the harness all convert audio the same way through here; this folder imports
 * only `src/errors`.
 */
export { createResampler, type Resampler, type SincOptions } from './resampler.js';
export { resamplePcm16 } from './resample-whole.js';
export { bytesToPcm16, pcm16BytesView, pcm16ToBytes } from './pcm.js';
export { floatToInt16 } from './float.js';
export {
  decodeWav,
  encodeWav,
  interleavePcm16,
  wavHeader,
  WAV_HEADER_BYTES,
  type DecodedAudio,
} from './wav.js';
export { alawDecode, alawEncode, mulawDecode, mulawEncode } from './g711.js';
