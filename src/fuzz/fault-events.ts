/**
 * Which server event types each protocol fault may hit. A fault is only generated where a
 * correct client must survive it and a run can still end: every `wait: idle` needs each
 * response to end, so nothing may withhold a `response.done` for good, and nothing may put
 * a `response.created` after its own `response.done` (reference §5.16: a `response.done`
 * with no response in flight is ignored, so that response would never end on the client).
 */

/**
 * Types a `drop` may hit. Not `response.done`: the client cannot know a response ended
 * (the reference has no timeout for it), so the generation stays open until its connection
 * ends, and `wait: idle` with it.
 */
export const DROPPABLE_EVENTS = [
  'response.created',
  'response.output_item.added',
  'response.output_item.done',
  'response.content_part.added',
  'response.content_part.done',
  'response.output_audio.delta',
  'response.output_audio.done',
  'response.output_audio_transcript.delta',
  'response.output_audio_transcript.done',
  'conversation.item.added',
  'conversation.item.input_audio_transcription.completed',
  'input_audio_buffer.speech_started',
  'input_audio_buffer.speech_stopped',
  'input_audio_buffer.committed',
  'session.updated',
] as const;

/** Types a `duplicate` may hit: any, since a copy withholds nothing (but see {@link KNOWN_BUG_FAULTS}). */
export const DUPLICABLE_EVENTS = [...DROPPABLE_EVENTS, 'response.done'] as const;

/**
 * Types a `delayEvent` may hit. Not `response.created`: held for longer than the response
 * lasts, it would arrive after its own `response.done`.
 */
export const DELAYABLE_EVENTS = [...DROPPABLE_EVENTS.filter((t) => t !== 'response.created'), 'response.done'] as const;

/**
 * Types a `reorder` may hit: those a response always follows with at least two more events,
 * so the held one is released. Not `response.created` (see {@link DELAYABLE_EVENTS}) nor
 * `response.done`, which may be the last frame for a long time.
 */
export const REORDERABLE_EVENTS = [
  'response.output_item.added',
  'response.content_part.added',
  'response.output_audio.delta',
  'response.output_audio_transcript.delta',
  'response.output_audio_transcript.done',
  'conversation.item.added',
] as const;

/** Server event types whose nth occurrence may trigger a drop or a close of the connection. */
export const CONNECTION_FAULT_EVENTS = [
  'session.updated',
  'response.created',
  'response.output_audio.delta',
  'response.output_audio_transcript.delta',
  'conversation.item.added',
  'input_audio_buffer.speech_started',
  'response.done',
] as const;

/** A fault a correct client survives but rt-sim's client does not yet: a client bug the fuzzer found. */
export interface KnownBugFault {
  kind: 'drop' | 'duplicate' | 'delayEvent' | 'reorder';
  event: string;
  /** The bug, and the counterexample that shows it (test/fuzz/counterexamples/). */
  bug: string;
}

/**
 * Faults left out of the default arbitrary because they break an invariant through a known
 * client bug (reported, not fixed here: src/client is not the fuzzer's to change). Generate
 * them with `fuzzCaseArbitrary({ knownBugs: true })`; once the client is fixed, delete the
 * entry and the default run covers the fault again.
 */
export const KNOWN_BUG_FAULTS: readonly KnownBugFault[] = [
  {
    kind: 'duplicate',
    event: 'response.output_item.added',
    bug:
      'src/client/server-handlers.ts onOutputItemAdded registers a second MessageState under the same item id and pushes it on ' +
      'the message stream; the first one is no longer in generation.items, so response.done never closes its text and audio ' +
      'streams: the generation never ends (invariants runEnds, generationsEnd). Counterexample: duplicate-output-item-added.yaml',
  },
  {
    kind: 'delayEvent',
    event: 'response.output_audio_transcript.done',
    bug:
      'the §8.1 fix is per generation: when response.output_audio_transcript.done arrives after response.done (delayed or ' +
      'reordered), response.done has already appended the deltas and the generation is gone, so onTranscriptDone appends the ' +
      'transcript again: the mirror reads "T\\nT" (invariant chatCtxConsistent). Counterexample: late-transcript-done.yaml',
  },
  {
    kind: 'reorder',
    event: 'response.output_audio_transcript.done',
    bug: 'as the delayEvent entry: a reorder by 2 or more puts the transcript.done after response.done.',
  },
];

/** True when `fault` is one of {@link KNOWN_BUG_FAULTS}. */
export function isKnownBugFault(fault: { kind: string; event?: string }): boolean {
  return KNOWN_BUG_FAULTS.some((k) => k.kind === fault.kind && k.event === fault.event);
}
