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
  'response.function_call_arguments.delta',
  'response.function_call_arguments.done',
  'conversation.item.added',
  'conversation.item.input_audio_transcription.completed',
  'input_audio_buffer.speech_started',
  'input_audio_buffer.speech_stopped',
  'input_audio_buffer.committed',
  'session.updated',
] as const;

/** Types a `duplicate` may hit: any, since a copy withholds nothing. */
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
  'response.function_call_arguments.delta',
  'conversation.item.added',
  'input_audio_buffer.speech_started',
  'response.done',
] as const;
