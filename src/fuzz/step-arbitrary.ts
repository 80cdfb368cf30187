import fc from 'fast-check';
import { SUPPORTED_PCM_RATES } from '../protocol/index.js';
import type { StepSpec } from './fuzz-case.js';
import { wordsArbitrary } from './server-arbitrary.js';

/**
 * One client step: ask for a reply (with or without instructions), add a user message, rewrite
 * the chat context (clear it, or drop its calls or its system messages),
 * interrupt (0–600 ms later, so it may meet a response in flight), ask for a reply and
 * truncate it (audio or text path), speak a user turn (a tone at any input rate the client
 * accepts, in frames of 7 to 33 ms, then silence or a commit), speak one while a reply plays
 * (barge-in, a `parallel` block),
 * commit 99, 100 or 101 ms of audio (the threshold, R6.4), sleep, or wait for idle.
 */
export function stepArbitrary(): fc.Arbitrary<StepSpec> {
  return fc.oneof(
    {
      arbitrary: fc.record({
        kind: fc.constant('generateReply' as const),
        instructions: fc.option(fc.constantFrom('Be brief.', 'Answer in one word.'), { nil: null, freq: 2 }),
      }),
      weight: 4,
    },
    {
      arbitrary: fc.record({
        kind: fc.constant('addUserText' as const),
        words: wordsArbitrary(4),
        withAudio: fc.boolean(),
      }),
      weight: 2,
    },
    {
      arbitrary: fc.record({
        kind: fc.constant('editChat' as const),
        edit: fc.constantFrom('clear' as const, 'dropCalls' as const, 'dropInstructions' as const),
      }),
      weight: 1,
    },
    {
      arbitrary: fc.record({
        kind: fc.constant('interrupt' as const),
        afterMs: fc.integer({ min: 0, max: 12 }).map((n) => n * 50),
      }),
      weight: 2,
    },
    {
      arbitrary: fc.record({
        kind: fc.constant('truncate' as const),
        audioEndMs: fc.integer({ min: 0, max: 10 }).map((n) => n * 50),
        textPath: fc.boolean(),
      }),
      weight: 1,
    },
    {
      arbitrary: fc.record({ kind: fc.constant('speak' as const), ...userTurn() }),
      weight: 2,
    },
    {
      arbitrary: fc.record({
        kind: fc.constant('bargeIn' as const),
        afterMs: fc.integer({ min: 0, max: 16 }).map((n) => n * 50),
        ...userTurn(),
      }),
      weight: 1,
    },
    {
      arbitrary: fc.record({
        kind: fc.constant('commitAt' as const),
        ms: fc.constantFrom(99 as const, 100 as const, 101 as const),
        splitMs: fc.constantFrom(0, 0, 20, 50),
      }),
      weight: 1,
    },
    {
      arbitrary: fc.record({
        kind: fc.constant('sleep' as const),
        ms: fc.integer({ min: 1, max: 15 }).map((n) => n * 100),
      }),
      weight: 2,
    },
    { arbitrary: fc.record({ kind: fc.constant('waitIdle' as const) }), weight: 2 },
  );
}

/** The fields of a spoken user turn (`speak`, `bargeIn`), in the order fast-check draws them. */
function userTurn() {
  return {
    hz: fc.constantFrom(220, 300, 440),
    toneMs: fc.integer({ min: 2, max: 12 }).map((n) => n * 50),
    silenceMs: fc.integer({ min: 6, max: 12 }).map((n) => n * 50),
    sampleRate: fc.constantFrom(...SUPPORTED_PCM_RATES),
    // 10 and 20 ms are the usual frame sizes; 7 and 33 ms give odd sample counts at every rate.
    frameMs: fc.constantFrom(10, 20, 7, 33),
  };
}

/** 1 to `maxSteps` steps. */
export function stepsArbitrary(maxSteps = 6): fc.Arbitrary<StepSpec[]> {
  return fc.array(stepArbitrary(), { minLength: 1, maxLength: maxSteps });
}
