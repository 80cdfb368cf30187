import fc from 'fast-check';
import type { CallSetup, CutSetup, EndSetup, LatencySetup, QuirkSetup, ReplySetup, ServerSetup } from './fuzz-case.js';

/** The words transcripts are made of. */
export const WORDS = [
  'hello',
  'there',
  'sunny',
  'in',
  'paris',
  'rome',
  'is',
  'warm',
  'today',
  'okay',
  'grok',
  'here',
] as const;

/** 1 to `max` words of {@link WORDS}. */
export function wordsArbitrary(max: number): fc.Arbitrary<string[]> {
  return fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: max });
}

/**
 * `null` `weight` times in `weight + 1`, else a value of `arb`; shrinks towards `null`, so a
 * shrunk case keeps only the unusual parts that matter.
 */
function rarely<T>(arb: fc.Arbitrary<T>, weight: number): fc.Arbitrary<T | null> {
  return fc.oneof({ withCrossShrink: true }, { arbitrary: fc.constant(null), weight }, { arbitrary: arb, weight: 1 });
}

/**
 * A call of the `lookup` tool: a word as its `topic`, arguments streamed 3–8 characters
 * per delta (`{"topic":"rome"}` is 16 characters: 2–6 deltas) or in one delta (the
 * default 32), after the reply's message or alone; 1 call in 3 comes with one or two more
 * calls in the same response.
 */
export function callSetupArbitrary(): fc.Arbitrary<CallSetup> {
  return fc.record({
    topic: fc.constantFrom(...WORDS),
    argumentsDeltaChars: fc.option(fc.integer({ min: 3, max: 8 }), { nil: null, freq: 3 }),
    withMessage: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 1 }),
    more: fc.oneof(
      { arbitrary: fc.constant<string[]>([]), weight: 2 },
      { arbitrary: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 2 }), weight: 1 },
    ),
  });
}

/**
 * One cut point of docs/scenario-server.md "Ending a response early", each kind equally
 * likely, with counts around the size of a generated reply (0 cuts before the first
 * output; a count past the end cuts after the last item).
 */
export function cutSetupArbitrary(): fc.Arbitrary<CutSetup> {
  return fc.oneof(
    fc.record({ at: fc.constant('afterAudioChunks' as const), n: fc.integer({ min: 0, max: 8 }) }),
    fc.record({ at: fc.constant('afterAudioMs' as const), n: fc.integer({ min: 0, max: 16 }).map((k) => k * 50) }),
    fc.record({ at: fc.constant('afterTranscriptDeltas' as const), n: fc.integer({ min: 0, max: 6 }) }),
    fc.record({ at: fc.constant('afterItems' as const), n: fc.integer({ min: 0, max: 2 }) }),
    fc.record({ at: fc.constant('afterArgumentDeltas' as const), n: fc.integer({ min: 0, max: 5 }) }),
  );
}

/**
 * How a response ends early: fails, is cancelled by the server, or ends `incomplete`, each
 * at a cut point 3 times in 4 (else with none: before any output, or after all of it for
 * `incomplete`).
 */
export function endSetupArbitrary(): fc.Arbitrary<EndSetup> {
  const atCut = fc.oneof({ arbitrary: cutSetupArbitrary(), weight: 3 }, { arbitrary: fc.constant(null), weight: 1 });
  return fc.oneof(
    fc.record({
      kind: fc.constant('incomplete' as const),
      reason: fc.constantFrom('max_output_tokens' as const, 'content_filter' as const),
      cut: atCut,
    }),
    fc.record({
      kind: fc.constant('cancel' as const),
      reason: fc.constantFrom('turn_detected' as const, 'client_cancelled' as const),
      cut: atCut,
    }),
    fc.record({
      kind: fc.constant('fail' as const),
      code: fc.constantFrom('internal_error' as const, 'rate_limited' as const),
      cut: atCut,
    }),
  );
}

/** `realtime` 3 times in 5, else `burst` or a factor of 2 or 4. */
export function pacingArbitrary(): fc.Arbitrary<'realtime' | 'burst' | number> {
  return fc.oneof(
    { withCrossShrink: true },
    { arbitrary: fc.constant('realtime' as const), weight: 6 },
    { arbitrary: fc.constant('burst' as const), weight: 2 },
    { arbitrary: fc.constantFrom(2, 4), weight: 2 },
  );
}

/**
 * One reply: 1–6 words, first output 0–300 ms after `response.created`, audio chunks of
 * 20–200 ms, a tone of 100–800 ms or no audio at all, 1–3 words per transcript delta,
 * xAI's `start_time` on the deltas or not; 1 reply in 4 calls a tool, 1 in 4 ends early
 * (fails, is cancelled or ends incomplete), and 2 in 5 send their deltas faster than real
 * time.
 */
export function replySetupArbitrary(): fc.Arbitrary<ReplySetup> {
  return fc.record({
    words: wordsArbitrary(6),
    ttftMs: fc.integer({ min: 0, max: 30 }).map((n) => n * 10),
    chunkMs: fc.constantFrom(100, 20, 50, 200),
    toneMs: fc.option(
      fc.integer({ min: 1, max: 8 }).map((n) => n * 100),
      { nil: null, freq: 4 },
    ),
    transcriptDeltaWords: fc.integer({ min: 1, max: 3 }),
    startTime: fc.boolean(),
    call: rarely(callSetupArbitrary(), 3),
    end: rarely(endSetupArbitrary(), 3),
    pacing: pacingArbitrary(),
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

/**
 * The server: the era (3 in 4 today's), 1–3 replies (cycled), quirks, optional latency, the
 * user's transcript, 1 time in 5 truncates refused, and 1 time in 5 a session lifetime of
 * 2.5–5 s (the session expires and closes; the client must reconnect).
 */
export function serverSetupArbitrary(): fc.Arbitrary<ServerSetup> {
  return fc.record({
    profile: fc.oneof(
      { withCrossShrink: true },
      { arbitrary: fc.constant('xai-2026' as const), weight: 3 },
      { arbitrary: fc.constant('xai-2025-12' as const), weight: 1 },
    ),
    replies: fc.array(replySetupArbitrary(), { minLength: 1, maxLength: 3 }),
    quirks: quirkSetupArbitrary(),
    latency: fc.option(latencySetupArbitrary(), { nil: null, freq: 2 }),
    userWords: wordsArbitrary(4),
    transcriptionDelayMs: fc.constantFrom(0, 0, 50, 300),
    sessionCreated: fc.boolean(),
    refuseTruncate: fc.oneof(
      { withCrossShrink: true },
      { arbitrary: fc.constant(false), weight: 4 },
      { arbitrary: fc.constant(true), weight: 1 },
    ),
    lifetimeMs: fc.option(
      fc.integer({ min: 25, max: 50 }).map((n) => n * 100),
      { nil: null, freq: 4 },
    ),
    coalesceFrames: fc.oneof(
      { withCrossShrink: true },
      { arbitrary: fc.constant(false), weight: 3 },
      { arbitrary: fc.constant(true), weight: 1 },
    ),
  });
}
