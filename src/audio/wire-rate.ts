/**
 * The protocol's `audio/pcm` rate (reference §1.5), the default of the resampler's output and of
 * WAV files. src/audio sits beside src/protocol, not above it, so it keeps its own copy;
 * test/audio/wav.test.ts checks that the two agree.
 */
export const WIRE_SAMPLE_RATE = 24000;
