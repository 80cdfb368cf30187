import fc from 'fast-check';
import type { LatencySetup, QuirkSetup, ReplySetup, ServerSetup } from './fuzz-case.js';

/** The words transcripts are made of. */
export const WORDS = ['hello', 'there', 'sunny', 'in', 'paris', 'rome', 'is', 'warm', 'today', 'okay', 'grok', 'here'] as const;

/** 1 to `max` words of {@link WORDS}. */
export function wordsArbitrary(max: number): fc.Arbitrary<string[]> {
  return fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: max });
}

/**
 * One reply: 1–6 words, first output 0–300 ms after `response.created`, audio chunks of
 * 20–200 ms, a tone of 100–800 ms or no audio at all, 1–3 words per transcript delta, and
 * xAI's `start_time` on the deltas or not.
 */
export function replySetupArbitrary(): fc.Arbitrary<ReplySetup> {
  return fc.record({
    words: wordsArbitrary(6),
    ttftMs: fc.integer({ min: 0, max: 30 }).map((n) => n * 10),
    chunkMs: fc.constantFrom(100, 20, 50, 200),
    toneMs: fc.option(fc.integer({ min: 1, max: 8 }).map((n) => n * 100), { nil: null, freq: 4 }),
    transcriptDeltaWords: fc.integer({ min: 1, max: 3 }),
    startTime: fc.boolean(),
  });
}

/** The xAI quirks of docs/scenario-server.md, each on or off. */
export function quirkSetupArbitrary(): fc.Arbitrary<QuirkSetup> {
  return fc.record({
    nullPreviousItemId: fc.boolean(),
    emptyDeletedItemId: fc.boolean(),
    transcriptInUserItem: fc.boolean(),
    textEvents: fc.constantFrom('xai' as const, 'openai' as const),
  });
}

/** Latency of 0–60 ms with 0–20 ms of jitter, one way or both. */
export function latencySetupArbitrary(): fc.Arbitrary<LatencySetup> {
  return fc.record({
    ms: fc.integer({ min: 0, max: 12 }).map((n) => n * 5),
    jitterMs: fc.integer({ min: 0, max: 4 }).map((n) => n * 5),
    direction: fc.constantFrom('downstream' as const, 'upstream' as const, 'both' as const),
  });
}

/** The server: 1–3 replies (cycled), quirks, optional latency, the user's transcript. */
export function serverSetupArbitrary(): fc.Arbitrary<ServerSetup> {
  return fc.record({
    replies: fc.array(replySetupArbitrary(), { minLength: 1, maxLength: 3 }),
    quirks: quirkSetupArbitrary(),
    latency: fc.option(latencySetupArbitrary(), { nil: null, freq: 2 }),
    userWords: wordsArbitrary(4),
    transcriptionDelayMs: fc.constantFrom(0, 0, 50, 300),
    sessionCreated: fc.boolean(),
  });
}
